package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution, run as a user runs it: {@code bin/stowage} in a child JVM. One copy
 * has only the built-in filesystem provider (lib/ and an empty plugins/, what the build makes with
 * {@code -P '!provider-s3,!provider-oss'}); the other is the full build, with S3 and OSS as
 * plug-ins in their own class loaders, driven against S3Proxy and the OSS server in this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionIT {
  private static final Path BUILT = Path.of("target/stowage");
  private static final String OSS_KEY_ID = "LTAIDISTTEST000001";
  private static final String OSS_SECRET = "DIST-OSS-CANARY-SECRET-91c2";

  private Path temp;
  private Path filesystemOnly;
  private Path tree;
  private S3ProxyServer s3;
  private OssServer oss;

  record Result(int code, String out, String err) {}

  @BeforeAll
  void assemble(@TempDir Path dir) throws Exception {
    temp = dir;
    assertThat(BUILT.resolve("bin/stowage")).as("the distribution built by 'package'").exists();
    filesystemOnly = temp.resolve("stowage-filesystem-only");
    copyTree(BUILT.resolve("bin"), filesystemOnly.resolve("bin"));
    copyTree(BUILT.resolve("lib"), filesystemOnly.resolve("lib"));
    Files.createDirectories(filesystemOnly.resolve("plugins"));

    tree = temp.resolve("tree");
    Random random = new Random(11);
    for (String name : List.of("a.bin", "sub/b.bin", "sub/deeper/c.txt")) {
      byte[] bytes = new byte[1 + random.nextInt(300_000)];
      random.nextBytes(bytes);
      Files.createDirectories(tree.resolve(name).getParent());
      Files.write(tree.resolve(name), bytes);
    }
    s3 = new S3ProxyServer();
    oss = OssServer.builder().credentials(OSS_KEY_ID, OSS_SECRET).build().start();
    oss.createBucket("dist-bucket");
  }

  @AfterAll
  void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (oss != null) {
      oss.close();
    }
  }

  @Test
  void theArchivesUnpackIntoOneFolderNamedForTheVersion() throws Exception {
    Path zip;
    try (java.util.stream.Stream<Path> built = Files.list(Path.of("target"))) {
      zip =
          built
              .filter(f -> f.getFileName().toString().matches("stowage-cli-.*-dist\\.zip"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no stowage-cli-VERSION-dist.zip built"));
    }
    String version = zip.getFileName().toString().replaceAll("^stowage-cli-(.*)-dist\\.zip$", "$1");
    assertThat(zip.resolveSibling("stowage-cli-" + version + "-dist.tar.gz")).exists();
    try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(zip.toFile())) {
      List<String> names = archive.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertThat(names)
          .contains(
              "stowage-" + version + "/bin/stowage",
              "stowage-" + version + "/lib/stowage.jar",
              "stowage-" + version + "/man/man1/stowage.1",
              "stowage-" + version + "/man/man1/stowage-replica-restore.1")
          .allMatch(name -> name.startsWith("stowage-" + version + "/"));
    }
  }

  @Test
  void shipsAManPageForEveryCommandAndSubcommand() throws Exception {
    Path pages = BUILT.resolve("man/man1");
    Result help = run(filesystemOnly, "--help");
    List<String> commands =
        help.out()
            .lines()
            .dropWhile(line -> !line.startsWith("Commands:"))
            .skip(1)
            .filter(line -> line.matches("  \\S.*")) // a command's line, not a continuation
            .map(line -> line.strip().split("\\s+")[0])
            .toList();
    assertThat(commands).contains("cp", "sync", "replica");
    for (String command : commands) {
      Path page = pages.resolve("stowage-" + command + ".1");
      assertThat(page).exists();
      assertThat(Files.readString(page))
          .as("roff, not AsciiDoc")
          .contains(
              ".TH \"STOWAGE\\-"
                  + command.toUpperCase(java.util.Locale.ROOT).replace("-", "\\-")
                  + "\"")
          .contains(".SH \"SYNOPSIS\"");
    }
    assertThat(pages.resolve("stowage-replica-restore.1")).exists();
  }

  /** {@code --version} alone is answered before start-up loads anything: the same lines. */
  @Test
  void theVersionAnsweredEarlyIsTheVersionTheCommandLinePrints() throws Exception {
    Result early = run(BUILT, "--version");
    Result late = run(BUILT, "--debug", "--version");
    assertThat(early.code).as(early.err).isZero();
    assertThat(late.code).as(late.err).isZero();
    assertThat(early.out).startsWith("stowage ").doesNotContain("unknown").isEqualTo(late.out);
  }

  @Test
  void filesystemOnlyDistributionListsOneProviderAndCopies() throws Exception {
    Result providers = run(filesystemOnly, "providers");
    assertThat(providers.code).as(providers.err).isZero();
    assertThat(providers.out).contains("file://").doesNotContain("s3://", "oss://");

    Path target = temp.resolve("fs-only-store");
    Result copy = run(filesystemOnly, "cp", "-q", "-r", tree.toString(), target.toUri() + "/");
    assertThat(copy.code).as(copy.err).isZero();
    Trees.assertSame(tree, target);

    Result noS3 = run(filesystemOnly, "ls", "s3://bucket/x/");
    assertThat(noS3.code).isEqualTo(Stowage.USAGE);
    assertThat(noS3.err).contains("no provider for the scheme 's3'").doesNotContain("\tat ");
  }

  @Test
  void aThirdPartyPluginDroppedIntoPluginsIsFoundAndPassesTheKitLive() throws Exception {
    Path distribution = temp.resolve("stowage-with-memory");
    copyTree(filesystemOnly, distribution);
    Path zip;
    try (Stream<Path> built = Files.list(Path.of("target/example-plugins"))) {
      zip = built.filter(p -> p.toString().endsWith("-plugin.zip")).findFirst().orElseThrow();
    }
    unzip(zip, distribution.resolve("plugins"));

    Result providers = run(distribution, "providers");
    assertThat(providers.code).as(providers.err).isZero();
    assertThat(providers.out)
        .contains("mem://", "from plug-in " + distribution.toRealPath().resolve("plugins/memory"));

    Path reports = temp.resolve("memory-reports");
    Result tck = run(distribution, "tck", "-q", "--report-dir", reports.toString(), "mem://it/kit");
    assertThat(tck.code).as(tck.out + tck.err).isZero();
    assertThat(tck.out).contains("PASSED", "level multipart: conforms");
    assertThat(reports.resolve("report.html")).exists();
    assertThat(reports.resolve("report.json")).exists();
  }

  @Test
  void fullDistributionLoadsS3AndOssAsPluginsAndCopiesThroughEach() throws Exception {
    Result providers = run(BUILT, "providers");
    assertThat(providers.code).as(providers.err).isZero();
    assertThat(providers.out)
        .contains("file://", "from the distribution (stowage.jar)")
        .contains("s3://", "from plug-in " + BUILT.toRealPath().resolve("plugins/s3"))
        .contains("oss://", "from plug-in " + BUILT.toRealPath().resolve("plugins/oss"))
        .doesNotContain("Skipped plug-ins");

    Path target = temp.resolve("full-store");
    Result copy = run(BUILT, "cp", "-q", "-r", tree.toString(), target.toUri() + "/");
    assertThat(copy.code).as(copy.err).isZero();
    Trees.assertSame(tree, target);

    s3.createBucket("dist-bucket");
    List<String> s3Options = new ArrayList<>();
    s3.options().forEach((key, value) -> s3Options.addAll(List.of("-o", key + "=" + value)));
    roundTrip(s3Options, "s3://dist-bucket/dist/", "s3");
    List<String> ossOptions =
        List.of(
            "-o", "oss.endpoint=" + oss.endpoint(),
            "-o", "oss.allow-insecure-http=true",
            "-o", "oss.access-key-id=" + OSS_KEY_ID,
            "-o", "oss.access-key-secret=" + OSS_SECRET);
    roundTrip(ossOptions, "oss://dist-bucket/dist/", "oss");
  }

  private void roundTrip(List<String> options, String uri, String name) throws Exception {
    Result up = run(BUILT, with(options, "cp", "-q", "-r", tree.toString(), uri));
    assertThat(up.code).as(up.err).isZero();
    Path back = temp.resolve(name + "-back");
    Result down = run(BUILT, with(options, "cp", "-q", "-r", uri, back.toString()));
    assertThat(down.code).as(down.err).isZero();
    Trees.assertSame(tree, back);
  }

  private static String[] with(List<String> options, String... args) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static Result run(Path distribution, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(distribution.resolve("bin/stowage").toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove(Plugins.PATH_VARIABLE);
    Path out = Files.createTempFile("stowage-out", ".txt");
    Path err = Files.createTempFile("stowage-err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("stowage " + String.join(" ", args) + " ended").isTrue();
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  private static void unzip(Path zip, Path directory) throws IOException {
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
      for (java.util.zip.ZipEntry entry = in.getNextEntry();
          entry != null;
          entry = in.getNextEntry()) {
        Path target = directory.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(directory)).as(entry.getName() + " stays inside").isTrue();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
