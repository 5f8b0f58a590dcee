package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A sync of 1,000,000 keys is planned in a JVM of 256 MiB heap: both listings are read side by
 * side, a page of each at a time, so the heap does not grow with the keys.
 */
class SyncScaleTest {
  @Test
  void plansAMillionKeysInA256MibHeap() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                GeneratedListing.class.getName(),
                "1000000")
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    System.out.print("1,000,000-key sync plan, -Xmx256m: " + output);
    // 1,000 missing and 2,000 of another size (every 500th at 250), 1,000 only in the target
    assertThat(output).contains("copy=3000 unchanged=997000 delete=1000 told=3000/1000");
  }
}
