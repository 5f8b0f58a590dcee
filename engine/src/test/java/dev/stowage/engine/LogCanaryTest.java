package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The canary sees debug lines from both logging front ends the libraries use. */
class LogCanaryTest {
  @Test
  void findsASecretInADebugLineOfEitherFrontEnd() {
    try (LogCanary canary = LogCanary.install()) {
      canary.watch("CANARYSECRET-42");
      LoggerFactory.getLogger("software.amazon.awssdk.test").debug("signing with {}", "none");
      LoggerFactory.getLogger("dev.stowage.test").debug("key {}", "CANARYSECRET-42");
      LogFactory.getLog("com.aliyun.oss.test")
          .debug("failed", new IllegalStateException("CANARYSECRET-42"));

      assertThat(canary.lines()).isEqualTo(3);
      assertThat(canary.leaksByLogger())
          .containsOnlyKeys("dev.stowage.test", "com.aliyun.oss.test");
    }
  }
}
