package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.oss.server.OssServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The command against the in-process OSS server, as a user would type it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowageOssTest {
  private static final String ACCESS_KEY_ID = "LTAICLITEST0000001";
  private static final String SECRET = "CLI-OSS-CANARY-SECRET-5d1e";

  @TempDir Path temp;
  private OssServer server;
  private List<String> options;

  private record Result(int code, String out, String err) {}

  @BeforeAll
  void startServer() throws IOException {
    server = OssServer.builder().credentials(ACCESS_KEY_ID, SECRET).build().start();
    server.createBucket("cli-bucket");
    options =
        List.of(
            "-o", "oss.endpoint=" + server.endpoint(),
            "-o", "oss.allow-insecure-http=true",
            "-o", "oss.access-key-id=" + ACCESS_KEY_ID,
            "-o", "oss.access-key-secret=" + SECRET);
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  private Result run(String... args) {
    return run(options, args);
  }

  private static Result run(List<String> options, String... args) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            StowageOssTest.class.getClassLoader(),
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void copiesATreeToOssAndBack() throws IOException {
    Path source = Files.createDirectories(temp.resolve("src/sub"));
    byte[] big = new byte[6 * 1024 * 1024 + 3];
    new Random(5).nextBytes(big);
    Files.write(temp.resolve("src/big.bin"), big);
    Files.writeString(source.resolve("note.txt"), "hi");

    Result up = run("cp", "-r", temp.resolve("src").toString(), "oss://cli-bucket/backup/");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(run("ls", "-r", "oss://cli-bucket/backup/").out().lines())
        .containsExactly("big.bin", "sub/note.txt");
    assertThat(run("stat", "oss://cli-bucket/backup/big.bin").out())
        .contains("size:     " + big.length);
    Result down = run("cp", "-r", "oss://cli-bucket/backup/", temp.resolve("back").toString());
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(Files.readAllBytes(temp.resolve("back/big.bin"))).isEqualTo(big);
    assertThat(Files.readString(temp.resolve("back/sub/note.txt"))).isEqualTo("hi");
    assertThat(run("rm", "-r", "oss://cli-bucket/backup/").code()).isZero();
    assertThat(run("ls", "-r", "oss://cli-bucket/backup/").out()).isEmpty();
    assertThat(server.uploadsInProgress("cli-bucket")).isZero();
  }

  @Test
  void saysInOneLineThatABucketIsMissing() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result = run("cp", temp.resolve("f.txt").toString(), "oss://no-such-bucket/f.txt");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("the bucket 'no-such-bucket' does not exist");
    assertNoSecretOrTrace(result);
  }

  @Test
  void saysInOneLineThatCredentialsWereRefused() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result =
        run(
            "-o",
            "oss.access-key-secret=WRONG-CANARY",
            "cp",
            temp.resolve("f.txt").toString(),
            "oss://cli-bucket/f.txt");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("credentials were refused").doesNotContain("WRONG-CANARY");
    assertNoSecretOrTrace(result);
  }

  @Test
  void saysInOneLineThatPlainHttpNeedsTheFlag() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result =
        run(
            List.of(
                "-o", "oss.endpoint=" + server.endpoint(),
                "-o", "oss.access-key-id=" + ACCESS_KEY_ID,
                "-o", "oss.access-key-secret=" + SECRET),
            "cp",
            temp.resolve("f.txt").toString(),
            "oss://cli-bucket/f.txt");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("plain HTTP").contains("oss.allow-insecure-http=true");
    assertNoSecretOrTrace(result);
  }

  @Test
  void saysInOneLineThatAKeyIsTooLong() throws IOException {
    Files.writeString(temp.resolve("f.txt"), "x");
    Result result =
        run("cp", temp.resolve("f.txt").toString(), "oss://cli-bucket/" + "k".repeat(1_024));
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("1024 bytes");
    assertNoSecretOrTrace(result);
  }

  private static void assertNoSecretOrTrace(Result result) {
    assertThat(result.err())
        .doesNotContain(SECRET)
        .doesNotContain(ACCESS_KEY_ID)
        .doesNotContain("\tat ");
  }
}
