package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command against the in-process OSS server, as a user would type it. */
class StowageOssTest extends AbstractRemoteStoreCommandTest {
  private static final String ACCESS_KEY_ID = "LTAICLITEST0000001";
  private static final String SECRET = "CLI-OSS-CANARY-SECRET-5d1e";

  private OssServer server;

  @BeforeAll
  void startServer() throws IOException {
    server = OssServer.builder().credentials(ACCESS_KEY_ID, SECRET).build().start();
    server.createBucket(BUCKET);
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  private List<String> credentials() {
    return List.of(
        "-o", "oss.endpoint=" + server.endpoint(),
        "-o", "oss.access-key-id=" + ACCESS_KEY_ID,
        "-o", "oss.access-key-secret=" + SECRET);
  }

  @Override
  String scheme() {
    return "oss";
  }

  @Override
  List<String> options() {
    List<String> options = new java.util.ArrayList<>(credentials());
    options.addAll(List.of("-o", "oss.allow-insecure-http=true"));
    return options;
  }

  @Override
  String wrongSecretOption(String secret) {
    return "oss.access-key-secret=" + secret;
  }

  @Override
  int maxKeyBytes() {
    return 1_023;
  }

  @Override
  List<String> secrets() {
    return List.of(SECRET, ACCESS_KEY_ID);
  }

  @Override
  void afterRoundTrip() {
    assertThat(server.uploadsInProgress(BUCKET)).as("uploads left behind").isZero();
  }

  @Test
  void copiesMovesAndSyncsWithinOneBucketWithoutReadingTheObjects() throws IOException {
    Path tree = Files.createDirectories(temp.resolve("within/sub"));
    Files.write(tree.resolve("a.bin"), new byte[300_000]);
    Files.writeString(tree.resolve("b.txt"), "b");
    Files.writeString(temp.resolve("within/c.txt"), "c");
    assertThat(run("cp", "-r", temp.resolve("within").toString(), uri("within/")).code()).isZero();
    long gets = server.requests(OssOperation.GET_OBJECT);
    long copies = server.requests(OssOperation.COPY_OBJECT);

    Result copied = run("cp", "-r", uri("within/"), uri("within-copy/"));
    Result synced = run("sync", uri("within/"), uri("within-sync/"));
    Result moved = run("mv", "-r", uri("within-copy/"), uri("within-moved/"));

    assertThat(copied.code()).as(copied.err()).isZero();
    assertThat(synced.code()).as(synced.err()).isZero();
    assertThat(moved.code()).as(moved.err()).isZero();
    assertThat(server.requests(OssOperation.GET_OBJECT) - gets)
        .as("object GETs of cp, sync and mv within one bucket")
        .isZero();
    assertThat(server.requests(OssOperation.COPY_OBJECT) - copies).isEqualTo(9);
    assertThat(run("ls", "-r", uri("within-moved/")).out().lines())
        .containsExactly("c.txt", "sub/a.bin", "sub/b.txt");
    assertThat(run("ls", "-r", uri("within-copy/")).out()).isEmpty();
    Result back = run("cp", "-r", uri("within-sync/"), temp.resolve("within-back").toString());
    assertThat(back.code()).as(back.err()).isZero();
    Trees.assertSame(temp.resolve("within"), temp.resolve("within-back"));
  }

  @Test
  void saysInOneLineThatPlainHttpNeedsTheFlag() throws IOException {
    Result result = run(credentials(), "cp", oneFile().toString(), uri("f.txt"));
    assertThat(result.code()).isEqualTo(2);
    assertOneCleanLine(result);
    assertThat(result.err()).contains("plain HTTP").contains("oss.allow-insecure-http=true");
  }

  @Test
  void statShowsTheCrc64InDecimalAsOssDoesWithTheHexBeside() throws IOException {
    assertThat(run("cp", oneFile().toString(), uri("crc/f.txt")).code()).isZero();

    Result stat = run("stat", uri("crc/f.txt"));

    assertThat(stat.code()).as(stat.err()).isZero();
    String line =
        stat.out().lines().filter(l -> l.startsWith("crc64ecma:")).findFirst().orElseThrow();
    java.util.regex.Matcher parts =
        java.util.regex.Pattern.compile("crc64ecma: (\\d+) \\(hex ([0-9a-f]{16})\\)").matcher(line);
    assertThat(parts.matches()).as(line).isTrue();
    assertThat(Long.parseUnsignedLong(parts.group(1)))
        .isEqualTo(Long.parseUnsignedLong(parts.group(2), 16));
  }
}
