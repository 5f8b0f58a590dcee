package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code stowage} command, in child JVMs with every library logging at its most verbose,
 * a canary in every secret option of every provider and in the credential variables of the
 * environment, against servers that refuse the credentials, fail every write, or are not there: not
 * one byte of what the commands wrote (standard output and error, the compliance kit's reports, the
 * journals in their home) holds a canary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsNeverWrittenTest {
  private static final String S3_KEY_ID = "CANARYS3KEYID1234";
  private static final String S3_SECRET = "CANARY-S3-SECRET-8e2f";
  private static final String S3_TOKEN = "CANARY-S3-TOKEN-41aa";
  private static final String SSE_C_KEY = "Q0FOQVJZLVNTRS1DLUtFWS0wMTIzNDU2Nzg5YWJjZGU=";
  private static final String OSS_WRONG_SECRET = "CANARY-OSS-SECRET-0c3d";
  private static final String OSS_TOKEN = "CANARY-OSS-TOKEN-9b71";
  private static final String ENV_SECRET = "CANARY-ENV-SECRET-66d4";
  private static final String ENV_TOKEN = "CANARY-ENV-TOKEN-2f08";

  private static final List<String> CANARIES =
      List.of(
          S3_KEY_ID,
          S3_SECRET,
          S3_TOKEN,
          SSE_C_KEY,
          OSS_WRONG_SECRET,
          OSS_TOKEN,
          ENV_SECRET,
          ENV_TOKEN);

  /** Every library at its most verbose, but not the bytes of bodies. */
  private static final List<String> VERBOSE =
      List.of(
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
          "-Dorg.slf4j.simpleLogger.log.org.apache.http.wire=info");

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "AWS_SECRET_ACCESS_KEY", ENV_SECRET,
          "AWS_SESSION_TOKEN", ENV_TOKEN,
          "OSS_ACCESS_KEY_SECRET", ENV_SECRET,
          "OSS_SESSION_TOKEN", ENV_TOKEN);

  @TempDir Path temp;
  private LoopbackStores servers;
  private ChildStowage children;
  private Path home;
  private Path folder;
  private final List<String> ran = new ArrayList<>();

  @BeforeAll
  void start() throws IOException {
    servers = new LoopbackStores();
  }

  @AfterAll
  void stop() {
    servers.close();
  }

  @Test
  void noCanaryInAnythingTheCommandsWrote() throws Exception {
    children = new ChildStowage(temp.resolve("output"));
    home = Files.createDirectories(temp.resolve("home"));
    folder = Files.createDirectories(temp.resolve("folder"));
    Files.write(folder.resolve("a.db"), new byte[64 * 1024]);
    Files.write(folder.resolve("b.db"), new byte[1024]);
    String bucket = "oss://" + LoopbackStores.BUCKET + "/";
    String s3Bucket = "s3://" + LoopbackStores.BUCKET + "/";

    // refused: a wrong secret with a session token, so the servers answer with the signed request
    ossRefused("ls", bucket);
    ossRefused("cp", "-r", folder.toString(), bucket + "refused/");
    ossRefused("replica", "ls", bucket + "db");
    s3Refused("ls", s3Bucket);
    s3Refused("cp", "-r", folder.toString(), s3Bucket + "refused/");
    s3Refused("cat", s3Bucket + "missing");

    // failing: the right credentials and a token, every write answered 500
    servers
        .oss
        .faults()
        .inject(
            Fault.error(500, "InternalError")
                .on(OssOperation.PUT_OBJECT, OssOperation.INITIATE_MULTIPART_UPLOAD)
                .times(Integer.MAX_VALUE));
    fails(
        withEveryCanary(
            ossOptions(servers.oss.accessKeySecret()),
            "cp",
            "-r",
            folder.toString(),
            bucket + "failing/"));
    servers.oss.faults().clear();

    // not there: nothing listens on the endpoint
    Map<String, String> absent = ossOptions(OSS_WRONG_SECRET);
    absent.put("oss.endpoint", "http://127.0.0.1:9");
    fails(withEveryCanary(absent, "ls", bucket));

    // the compliance kit, passing: its JUnit XML once held the whole command line
    Path report = temp.resolve("report");
    succeeds(
        withEveryCanary(
            ossOptions(servers.oss.accessKeySecret()),
            "tck",
            "--quiet",
            bucket + "tck/",
            "--report-dir",
            report.toString()));
    assertThat(report.resolve("junit")).isDirectoryContaining("glob:**.xml");

    assertThat(ran).hasSize(9);
    List<Path> written = new ArrayList<>();
    for (Path root : List.of(temp.resolve("output"), report, home)) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(Files::isRegularFile).forEach(written::add);
      }
    }
    long bytes = 0;
    for (Path file : written) {
      String text = Files.readString(file, StandardCharsets.ISO_8859_1);
      bytes += text.length();
      for (String canary : CANARIES) {
        assertThat(text).as("%s in %s", canary, temp.relativize(file)).doesNotContain(canary);
      }
    }
    // the debug lines were there to be read, and the masks show they were needed
    assertThat(bytes).as("bytes written").isGreaterThan(100_000);
    assertThat(String.join("\n", readAll(temp.resolve("output"))))
        .contains(SecretValues.MASK)
        .contains("DEBUG");
  }

  private void ossRefused(String... command) throws Exception {
    fails(withEveryCanary(ossOptions(OSS_WRONG_SECRET), command));
  }

  /** S3Proxy's own key id with a wrong secret: it answers with the canonical request it made. */
  private void s3Refused(String... command) throws Exception {
    String keyId = servers.s3.options().get("s3.access-key-id");
    fails(withCanaries(ossOptions(OSS_WRONG_SECRET), keyId, command));
  }

  private Map<String, String> ossOptions(String secret) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("oss.endpoint", servers.oss.endpoint().toString());
    options.put("oss.allow-insecure-http", "true");
    options.put("oss.access-key-id", servers.oss.accessKeyId());
    options.put("oss.access-key-secret", secret);
    options.put("oss.session-token", OSS_TOKEN);
    options.put("oss.max-error-retry", "0");
    return options;
  }

  /** The OSS options given, and S3's with a canary in each of its secret options. */
  private List<String> withEveryCanary(Map<String, String> ossOptions, String... command) {
    return withCanaries(ossOptions, S3_KEY_ID, command);
  }

  private List<String> withCanaries(
      Map<String, String> ossOptions, String s3KeyId, String... command) {
    Map<String, String> options = new LinkedHashMap<>(ossOptions);
    options.put("s3.endpoint", servers.s3.options().get("s3.endpoint"));
    options.put("s3.region", "us-east-1");
    options.put("s3.path-style", "true");
    options.put("s3.allow-insecure-http", "true");
    options.put("s3.access-key-id", s3KeyId);
    options.put("s3.secret-access-key", S3_SECRET);
    options.put("s3.session-token", S3_TOKEN);
    options.put("s3.sse-c-key", SSE_C_KEY);
    List<String> arguments = new ArrayList<>(List.of("--debug"));
    options.forEach((key, value) -> arguments.addAll(List.of("-o", key + "=" + value)));
    arguments.addAll(List.of(command));
    return arguments;
  }

  private void fails(List<String> arguments) throws Exception {
    assertThat(runToEnd(arguments)).as("exit code of %s", arguments).isNotZero();
  }

  private void succeeds(List<String> arguments) throws Exception {
    assertThat(runToEnd(arguments)).as("exit code of %s", arguments).isZero();
  }

  private int runToEnd(List<String> arguments) throws Exception {
    long start = System.nanoTime();
    Process child = children.start(home, VERBOSE, ENVIRONMENT, arguments);
    assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the command ended").isTrue();
    ran.add(String.join(" ", arguments));
    System.out.printf(
        "%d ms, exit %d: %s%n",
        (System.nanoTime() - start) / 1_000_000,
        child.exitValue(),
        arguments.stream().filter(argument -> !argument.contains("=")).toList());
    return child.exitValue();
  }

  private static List<String> readAll(Path folder) throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    return texts;
  }
}
