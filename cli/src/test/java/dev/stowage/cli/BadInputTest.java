package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input everywhere the command takes it (arguments, locations, keys, provider options) ends
 * with a typed, one-line error naming what was wrong and what to do, and exit code 2 (a usage or
 * configuration error) or 1 (a failure of the work): never a stack trace, an exception's class name
 * or a "null", and never an echoed secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  private static final String SECRET = "CANARYSECRET-bad-input";
  private static final String UNREACHABLE = "http://127.0.0.1:9";

  private Path temp;
  private String file;
  private String store;

  @BeforeAll
  void files(@TempDir Path dir) throws IOException {
    temp = dir;
    file = Files.writeString(temp.resolve("f.txt"), "f").toString();
    store = Files.createDirectories(temp.resolve("store")).toString();
  }

  private static String[] s3(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-o", "s3.region=us-east-1",
                "-o", "s3.access-key-id=AKIACANARY",
                "-o", "s3.secret-access-key=" + SECRET,
                "-o", "s3.endpoint=" + UNREACHABLE,
                "-o", "s3.allow-insecure-http=true"));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static String[] oss(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-o", "oss.access-key-id=LTAICANARY",
                "-o", "oss.access-key-secret=" + SECRET,
                "-o", "oss.endpoint=" + UNREACHABLE,
                "-o", "oss.allow-insecure-http=true",
                "-o", "oss.max-error-retry=0"));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  Stream<Arguments> inputs() {
    String big = "k".repeat(1_100);
    return Stream.of(
        // arguments
        bad(2, "Missing required parameter", "cp"),
        bad(2, "Unknown option", "cp", "--frobnicate", file, store),
        bad(2, "--concurrency must be at least 1", "cp", "--concurrency", "0", file, store),
        bad(2, "'abc' is not an int", "cp", "--concurrency", "abc", file, store),
        bad(2, "--part-size must be 1 byte to 2 GiB", "cp", "--part-size", "6GiB", file, store),
        bad(2, "is not an age", "sweep", "--older-than", "-5m", store),
        bad(2, "--txid must be 1 or more", "replica", "restore", "--txid", "-1", "-o", "x", store),
        // locations
        bad(2, "the location is empty", "ls", ""),
        bad(2, "no provider for the scheme 'nosuch'", "ls", "nosuch://bucket/"),
        bad(2, "names no bucket", "cp", file, "s3://"),
        bad(2, "not a valid bucket name", "ls", "s3://Bad_Bucket!/"),
        bad(2, "credentials", "ls", "s3://AKIACANARY:" + SECRET + "@bucket/"),
        bad(2, "carries the secret 'secretKey'", s3("ls", "s3://bucket/?secretKey=" + SECRET)),
        bad(2, "give the option s3.access-key-id", "ls", "s3://bucket/?access-key-id=" + SECRET),
        bad(2, "secret 'secret-access-key'", "ls", "s3://bucket/?secret-access-key=" + SECRET),
        bad(2, "secret 'session-token'", "ls", "s3://bucket/?region=x&session-token=" + SECRET),
        bad(2, "secret 'sse-c-key'", "cp", file, "s3://bucket/k?sse-c-key=" + SECRET),
        bad(2, "give the option oss.access-key-id", "ls", "oss://bucket/?access-key-id=" + SECRET),
        bad(2, "secret 'access-key-secret'", "ls", "oss://bucket/?access-key-secret=" + SECRET),
        bad(2, "secret 'session-token'", "ls", "oss://bucket/?session-token=" + SECRET),
        bad(1, "no such object or directory", "ls", temp.resolve("missing").toUri().toString()),
        // keys
        bad(2, "'..' segment", s3("stat", "s3://bucket/a/../b")),
        bad(2, "more than this store's maximum of 1024", s3("cp", file, "s3://bucket/" + big)),
        bad(2, "more than this store's maximum", oss("cp", file, "oss://bucket/" + big)),
        bad(2, "reserved by the filesystem provider", "cp", file, store + "/.stowage-x"),
        bad(2, "file names are limited to 255", "cp", file, store + "/" + "n".repeat(300)),
        bad(2, "names a directory, not an object", "cat", store),
        bad(1, "no such object", "stat", store + "/nothing-here"),
        // provider options
        bad(2, "is not a provider option", "-o", "=x", "ls", store),
        bad(2, "is not a provider option", "-o", "fiel.fsync=false", "ls", store),
        bad(2, "KEY=VALUE format", "-o", "file.fsync", "ls", store),
        bad(2, "unknown option file.fsnyc", "-o", "file.fsnyc=false", "ls", store),
        bad(2, "Expected true or false", "-o", "file.fsync=maybe", "ls", store),
        bad(2, "is not a URL", "-o", "s3.endpoint=not a uri", "ls", "s3://bucket/"),
        bad(2, "Expected a decimal integer", "-o", "s3.max-connections=abc", "ls", "s3://bucket/"),
        bad(2, "plain HTTP", "-o", "oss.endpoint=http://example.com", "ls", "oss://bucket/"),
        bad(
            2,
            "set both oss.access-key-id and oss.access-key-secret",
            "-o",
            "oss.endpoint=https://example.com",
            "-o",
            "oss.access-key-id=LTAICANARY",
            "ls",
            "oss://bucket/"),
        // endpoints that do not answer
        bad(1, "cannot connect to the endpoint", s3("ls", "s3://bucket/")),
        bad(1, "cannot connect to the endpoint", oss("ls", "oss://bucket/")));
  }

  private static Arguments bad(int code, String says, String... args) {
    return Arguments.of(String.join(" ", args), code, says, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void endsWithOneClearLineAndNoTrace(String name, int code, String says, String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Stowage.run(
            BadInputTest.class.getClassLoader(),
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            args);

    String message = err.toString();
    assertThat(exit).as("exit code; stderr: " + message).isEqualTo(code);
    assertThat(message).contains(says).startsWith("stowage: ");
    assertThat(message.lines().filter(line -> !line.startsWith("Try 'stowage")))
        .as("lines of the error")
        .hasSize(1);
    assertThat(message)
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContainPattern("\\bnull\\b")
        .doesNotContain(SECRET);
  }
}
