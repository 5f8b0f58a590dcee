package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider options from the environment, {@code STOWAGE_<SCHEME>_<NAME>}: a child reaches
 * oss-server with no {@code -o} at all, and the secret it was given so is masked on its standard
 * error.
 */
class EnvironmentOptionsTest {
  @TempDir Path temp;

  @Test
  void readsProviderOptionsFromTheEnvironment() throws Exception {
    try (LoopbackStores servers = new LoopbackStores()) {
      Path file = Files.writeString(temp.resolve("note.txt"), "from the environment");
      Map<String, String> environment =
          Map.of(
              "STOWAGE_OSS_ENDPOINT", servers.oss.endpoint().toString(),
              "STOWAGE_OSS_ALLOW_INSECURE_HTTP", "true",
              "STOWAGE_OSS_ACCESS_KEY_ID", servers.oss.accessKeyId(),
              "STOWAGE_OSS_ACCESS_KEY_SECRET", servers.oss.accessKeySecret());
      ChildStowage children = new ChildStowage(temp.resolve("children"));
      Process copy =
          children.start(
              Files.createDirectories(temp.resolve("home")),
              List.of(),
              environment,
              List.of("cp", file.toString(), "oss://" + LoopbackStores.BUCKET + "/env/note.txt"));
      assertThat(copy.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(copy.exitValue()).as(children.errorOf(copy)).isZero();
      assertThat(servers.oss.requests(dev.stowage.oss.server.OssOperation.PUT_OBJECT))
          .as("objects written to oss-server")
          .isEqualTo(1);

      Process wrong =
          children.start(
              temp.resolve("home"),
              List.of(),
              Map.of(
                  "STOWAGE_OSS_ENDPOINT",
                  servers.oss.endpoint().toString(),
                  "STOWAGE_OSS_ALLOW_INSECURE_HTTP",
                  "true",
                  "STOWAGE_OSS_ACCESS_KEY_ID",
                  servers.oss.accessKeyId(),
                  "STOWAGE_OSS_ACCESS_KEY_SECRET",
                  "CANARY-ENV-OPTION-SECRET"),
              List.of("--debug", "ls", "oss://" + LoopbackStores.BUCKET + "/"));
      assertThat(wrong.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(wrong.exitValue()).isNotZero();
      assertThat(children.errorOf(wrong))
          .contains("credentials were refused")
          .doesNotContain("CANARY-ENV-OPTION-SECRET");
    }
  }
}
