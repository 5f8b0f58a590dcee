package dev.stowage.cli;

import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageProvider;
import dev.stowage.replica.ReplicaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code stowage} command. */
@Command(
    name = "stowage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionText.class,
    description =
        "Copies files to object storage and back, verified end to end.%n"
            + "A location is a local path or a URI such as file:///backups, s3://bucket/prefix"
            + " or oss://bucket/prefix.",
    usageHelpAutoWidth = true)
public final class Stowage implements Runnable {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show the stack trace of an error.")
  boolean debug;

  @Option(
      names = {"-o", "--option"},
      paramLabel = "KEY=VALUE",
      description =
          "A provider option such as file.fsync=false, or SCHEME.quirks=FILE for a profile that"
              + " 'stowage probe --write' saved; repeatable, before the command. See 'stowage"
              + " providers'.")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Named remotes (NAME:PATH) and their options, before the command (default:"
              + " $STOWAGE_CONFIG, else ~/.config/stowage/stowage.conf if it exists).")
  java.nio.file.Path config;

  @Option(
      names = "--metrics-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "With cp, sync, mv and run: write the run's figures to FILE in the Prometheus text"
              + " format at the end, success or failure (for node_exporter's textfile collector).")
  java.nio.file.Path metricsFile;

  private Remotes remotes = Remotes.none();

  private final RunMetrics metrics = new RunMetrics();

  private final ProviderCatalog catalog;
  private final OutputStream rawOut;
  private final InputStream rawIn;
  private final SecretValues secrets;
  private boolean problemsShown;

  Stowage(ProviderCatalog catalog, InputStream rawIn, OutputStream rawOut, SecretValues secrets) {
    this.catalog = catalog;
    this.rawIn = rawIn;
    this.rawOut = rawOut;
    this.secrets = secrets;
  }

  /**
   * Runs the command and exits with its code: 0 on success, 1 on a failure, 2 on a usage error.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    if (VersionText.onlyAsked(args)) {
      try {
        for (String line : VersionText.lines()) {
          System.out.println(line);
        }
        return;
      } catch (IOException e) {
        System.err.println("stowage: cannot read the version: " + e.getMessage());
        System.exit(FAILURE);
      }
    }
    // before anything logs: every library's log lines end on this stream
    SecretValues secrets = SecretValues.fromEnvironment(System.getenv());
    System.setErr(
        new PrintStream(
            new MaskingOutputStream(System.err, secrets), true, StandardCharsets.UTF_8));
    ProviderCatalog catalog;
    try {
      catalog =
          ProviderCatalog.load(
              Stowage.class.getClassLoader(),
              Plugins.classLoaders(
                  Stowage.class.getClassLoader(),
                  System.getenv(Plugins.PATH_VARIABLE),
                  System.getProperty("stowage.home")));
    } catch (RuntimeException e) {
      System.err.println("stowage: " + e.getMessage());
      System.exit(USAGE);
      return;
    }
    PrintStream out = System.out;
    Interrupts.install();
    int code =
        run(
            catalog,
            System.in,
            out,
            new PrintWriter(out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            secrets,
            args);
    System.exit(Interrupts.exitStatus(code));
  }

  static int run(
      ClassLoader loader, OutputStream rawOut, PrintWriter out, PrintWriter err, String... args) {
    return run(ProviderCatalog.load(loader), rawOut, out, err, args);
  }

  /** Runs with {@code in} as standard input, for {@code cp -}. */
  static int run(
      ClassLoader loader,
      InputStream in,
      OutputStream rawOut,
      PrintWriter out,
      PrintWriter err,
      String... args) {
    return run(ProviderCatalog.load(loader), in, rawOut, out, err, new SecretValues(), args);
  }

  static int run(
      ProviderCatalog catalog,
      OutputStream rawOut,
      PrintWriter out,
      PrintWriter err,
      String... args) {
    return run(catalog, System.in, rawOut, out, err, new SecretValues(), args);
  }

  static int run(
      ProviderCatalog catalog,
      InputStream rawIn,
      OutputStream rawOut,
      PrintWriter out,
      PrintWriter err,
      SecretValues secrets,
      String... args) {
    SdkLogs.quietUnless(java.util.Arrays.asList(args).contains("--debug"));
    Stowage stowage = new Stowage(catalog, rawIn, rawOut, secrets);
    String[] expanded;
    try {
      stowage.remotes =
          Remotes.load(configArgument(args), System.getenv(), catalog.providers().all());
      expanded = stowage.remotes.expand(args);
    } catch (CliException e) {
      err.println("stowage: " + e.getMessage());
      err.flush();
      return e.exitCode;
    }
    CommandLine commandLine = Commands.commandLine(stowage, expanded);
    commandLine.setExecutionStrategy(
        parseResult -> {
          try {
            secrets.addOptions(stowage.options(), catalog.providers().all());
          } catch (CliException badOption) {
            // the command itself reports it; its values are masked all the same
            secrets.addOptions(stowage.options, catalog.providers().all());
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, args2) -> {
          err.println("stowage: " + usageMessage(e));
          if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
          }
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (e, line, parseResult) -> {
          if (Interrupts.interrupted) {
            return FAILURE; // the cancel's own line says what happened
          }
          err.println("stowage: " + message(e));
          if (stowage.debug) {
            e.printStackTrace(err);
          }
          err.flush();
          return exitCode(e);
        });
    int code = commandLine.execute(expanded);
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    stowage.metrics.write(
        stowage.metricsFile,
        parsed != null && parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : null,
        code,
        err);
    out.flush();
    err.flush();
    return code;
  }

  /** A mistake in the command line in a sentence: a word that is no command is named as such. */
  private static String usageMessage(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.isUnknownOption()
        && !unmatched.getUnmatched().isEmpty()
        && e.getCommandLine().getCommandSpec().subcommands().size() > 0) {
      return "'"
          + unmatched.getUnmatched().get(0)
          + "' is not a command of '"
          + e.getCommandLine().getCommandSpec().qualifiedName()
          + "'.";
    }
    return e.getMessage();
  }

  static String message(Throwable e) {
    if (e instanceof StorageException
        || e instanceof CliException
        || e instanceof ReplicaException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException || e instanceof IOException) {
      return "I/O error: " + e.getMessage();
    }
    return "internal error (" + e + "). Run again with --debug and report it.";
  }

  static int exitCode(Throwable e) {
    if (e instanceof CliException cli) {
      return cli.exitCode;
    }
    return e instanceof InvalidConfigException || e instanceof InvalidKeyException
        ? USAGE
        : FAILURE;
  }

  @Override
  public void run() {
    List<String> commands =
        spec.subcommands().entrySet().stream()
            .filter(command -> !command.getValue().getCommandSpec().usageMessage().hidden())
            .map(Map.Entry::getKey)
            .filter(name -> !name.equals("help"))
            .toList();
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (" + String.join(", ", commands) + ")");
  }

  /** Makes a transferring command's figures go to the metrics file, if one was asked for. */
  void measure(String command, ProgressDisplay display) {
    metrics.measure(metricsFile, command, display, spec.commandLine().getErr());
  }

  Providers providers() {
    if (!problemsShown) {
      problemsShown = true;
      PrintWriter err = spec.commandLine().getErr();
      catalog.problems().forEach(problem -> err.println("stowage: warning: " + problem));
      err.flush();
    }
    return catalog.providers();
  }

  /** The secret values given to this command, which nothing it writes may hold. */
  SecretValues secrets() {
    return secrets;
  }

  ProviderCatalog catalog() {
    return catalog;
  }

  Stores stores() {
    return new Stores(providers(), QuirksProfile.apply(options()));
  }

  /**
   * The {@code -o} options, each checked to be {@code SCHEME.NAME} for a provider found: an option
   * no provider reads (a typo in the scheme) is an error, not ignored. Values are never echoed.
   */
  Map<String, String> options() {
    List<String> schemes =
        providers().all().stream().map(StorageProvider::scheme).sorted().toList();
    Map<String, String> merged = new LinkedHashMap<>(remotes.options());
    merged.putAll(Remotes.fromEnvironment(System.getenv(), providers().all()));
    for (String key : options.keySet()) {
      int dot = key.indexOf('.');
      if (dot <= 0 || dot == key.length() - 1 || !schemes.contains(key.substring(0, dot))) {
        throw CliException.usage(
            "-o "
                + (key.isEmpty() ? "(empty key)" : "'" + key + "'")
                + " is not a provider option. Write -o SCHEME.NAME=VALUE with a scheme of "
                + String.join(", ", schemes)
                + "; 'stowage providers' lists the options.");
      }
    }
    merged.putAll(options);
    return merged;
  }

  /** The {@code --config FILE} among the arguments, read before they are parsed. */
  private static java.nio.file.Path configArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return java.nio.file.Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return java.nio.file.Path.of(args[i].substring("--config=".length()));
      }
    }
    return null;
  }

  /** Standard input as bytes, for {@code cp -}. */
  InputStream rawIn() {
    return rawIn;
  }

  OutputStream rawOut() {
    return rawOut;
  }

  /** An error the command found itself, with its one-line message and exit code. */
  static final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    private CliException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    /** A mistake in the command line: exit code 2. */
    static CliException usage(String message) {
      return new CliException(message, USAGE);
    }

    /** A command that could not do its work: exit code 1. */
    static CliException failure(String message) {
      return new CliException(message, FAILURE);
    }
  }
}
