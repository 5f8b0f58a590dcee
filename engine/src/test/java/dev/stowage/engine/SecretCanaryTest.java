package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.S3ProxyServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A canary in every secret option of a provider (access key id, secret, session token, SSE-C key),
 * against a real server that refuses the request: the servers answer with their whole error
 * document, which echoes the signed headers (session token included) and the key id. Not one log
 * line of any library at any level, and no exception text with its causes, holds a canary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretCanaryTest {
  private static final String BUCKET = "canaries";
  private static final String TOKEN = "CANARY-TOKEN-3f1b";
  private static final String WRONG_SECRET = "CANARY-WRONG-SECRET-77d0";
  private static final String KEY_ID = "CANARYKEYID0915";
  // a valid base64 256-bit key, so that the provider sends it rather than refusing it
  private static final String SSE_C_KEY = "Q0FOQVJZLVNTRS1DLUtFWS0wMTIzNDU2Nzg5YWJjZGU=";

  /** The server we test against, not Stowage or a library it ships: it logs what it received. */
  private static final String S3PROXY_LOGGERS = "org.gaul.";

  /**
   * Loggers that print signed request headers by design, at debug level only, as their documents
   * say: the AWS SDK's signer (the canonical request) and Apache HttpClient's header log. They stay
   * off unless a user of the library turns them on; the CLI never does, and masks every secret on
   * its error stream besides (SecretsOnStderrTest). Any other logger, and these at INFO or above,
   * fails the test.
   */
  private static final Set<String> HEADER_PRINTERS =
      Set.of(
          "org.apache.http.headers",
          "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner");

  private LogCanary logs;
  private S3ProxyServer s3;
  private OssServer oss;

  @BeforeAll
  void start() throws Exception {
    logs = LogCanary.install();
    for (String canary : List.of(TOKEN, WRONG_SECRET, KEY_ID, SSE_C_KEY)) {
      logs.watch(canary);
    }
    s3 = new S3ProxyServer();
    s3.createBucket(BUCKET);
    oss = OssServer.builder().build().start();
    oss.createBucket(BUCKET);
  }

  @AfterAll
  void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (oss != null) {
      oss.close();
    }
    logs.close();
  }

  /** The right key id with a wrong secret: the server's answer holds the canonical request. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void aRefusedSignatureLeavesNoSecretInLogsOrMessages(String provider) {
    Map<String, String> options = new HashMap<>(options(provider));
    options.put(
        provider + (provider.equals("s3") ? ".secret-access-key" : ".access-key-secret"),
        WRONG_SECRET);
    options.put(provider + ".session-token", TOKEN);
    if (provider.equals("s3")) {
      options.put("s3.sse-c-key", SSE_C_KEY);
    }
    refusedEverywhere(provider, options);
  }

  /** A key id the server does not know: S3 and OSS name it in their answer. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void anUnknownKeyIdLeavesNoSecretInLogsOrMessages(String provider) {
    Map<String, String> options = new HashMap<>(options(provider));
    options.put(provider + ".access-key-id", KEY_ID);
    options.put(
        provider + (provider.equals("s3") ? ".secret-access-key" : ".access-key-secret"),
        WRONG_SECRET);
    options.put(provider + ".session-token", TOKEN);
    refusedEverywhere(provider, options);
  }

  private void refusedEverywhere(String provider, Map<String, String> options) {
    long linesBefore = logs.lines();
    List<String> failures = new ArrayList<>();
    try (ObjectStore store =
        Providers.load().open(StorageLocation.parse(provider + "://" + BUCKET + "/p/"), options)) {
      List<Consumer<ObjectStore>> operations =
          List.of(
              s -> s.stat("a"),
              s -> s.list(ListRequest.of("")),
              s -> s.put("a", Content.ofBytes(new byte[] {1, 2, 3}), WriteOptions.DEFAULTS),
              s -> s.initiateMultipart("b", WriteOptions.DEFAULTS),
              s -> s.delete("a"),
              s -> read(s, "a"));
      for (Consumer<ObjectStore> operation : operations) {
        try {
          operation.accept(store);
          failures.add("an operation succeeded with wrong credentials");
        } catch (RuntimeException e) {
          failures.add(fullText(e));
        }
      }
    }

    assertThat(failures).hasSize(6).noneMatch(text -> text.startsWith("an operation succeeded"));
    for (String text : failures) {
      assertThat(text)
          .doesNotContain(TOKEN)
          .doesNotContain(WRONG_SECRET)
          .doesNotContain(KEY_ID)
          .doesNotContain(SSE_C_KEY);
    }
    assertThat(logs.lines()).as("log lines read").isGreaterThan(linesBefore);
    Map<String, Level> leaks = new HashMap<>(logs.highestLeakLevel());
    leaks.keySet().removeIf(logger -> logger.startsWith(S3PROXY_LOGGERS));
    assertThat(leaks)
        .as("log lines with a canary, by logger and most severe level")
        .allSatisfy(
            (logger, level) -> {
              assertThat(logger).isIn(HEADER_PRINTERS);
              assertThat(level.intValue()).isLessThan(Level.INFO.intValue());
            });
  }

  private Map<String, String> options(String provider) {
    if (provider.equals("s3")) {
      return s3.options();
    }
    Map<String, String> options = new HashMap<>();
    options.put("oss.endpoint", oss.endpoint().toString());
    options.put("oss.allow-insecure-http", "true");
    options.put("oss.access-key-id", oss.accessKeyId());
    options.put("oss.access-key-secret", oss.accessKeySecret());
    options.put("oss.max-error-retry", "0");
    return options;
  }

  private static void read(ObjectStore store, String key) {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The message, causes, suppressed exceptions and stack trace, as {@code --debug} prints them. */
  private static String fullText(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
