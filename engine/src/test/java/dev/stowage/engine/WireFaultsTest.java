package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wire fault of {@link ProxyFault.Kind}, injected between the real S3 and OSS clients and
 * their servers (S3Proxy, oss-server), while the engine uploads and downloads. Whatever happens,
 * each case ends with the same checks: every acknowledged object reads back byte-identical through
 * an unfaulted path; every failure is a typed {@link StorageException} (or an {@link IOException}
 * from a raw read) and leaves nothing under its key; no multipart upload is left; no secret appears
 * in a message; every transfer ended within its deadline + 10%. The suite's report goes to {@code
 * target/reliability-report.json} and {@code .txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFaultsTest {
  private static final int FIRINGS = 40;
  private static final int STALLS = 20;
  private static final int PART = 100 * 1024;
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
  private static final String BUCKET = "wire-faults";
  private static final Set<Kind> ON_UPLOAD =
      EnumSet.of(
          Kind.RESET_BEFORE_REQUEST_BODY,
          Kind.RESET_DURING_REQUEST_BODY,
          Kind.FLIP_REQUEST_BYTE,
          Kind.INTERNAL_ERROR_500,
          Kind.SLOW_DOWN_503,
          Kind.TOO_MANY_REQUESTS_429,
          Kind.GATEWAY_TIMEOUT_504,
          Kind.CLOCK_SKEW_403);

  private final ReliabilityReport report = new ReliabilityReport();
  private final Map<String, Backend> backends = new HashMap<>();
  @TempDir Path temp;

  /** A server, the fault proxy in front of it, and stores through each. */
  private record Backend(
      String name, FaultProxy proxy, ObjectStore faulted, ObjectStore direct, List<String> secrets)
      implements AutoCloseable {
    @Override
    public void close() {
      faulted.close();
      direct.close();
      proxy.close();
    }
  }

  private S3ProxyServer s3;
  private OssServer oss;

  @BeforeAll
  void start() throws Exception {
    s3 = new S3ProxyServer();
    ObjectStore s3Direct = s3.open(BUCKET, "");
    FaultProxy s3Proxy = FaultProxy.start(s3.port());
    Map<String, String> s3Options = new HashMap<>(s3.options());
    s3Options.put("s3.endpoint", s3Proxy.endpoint().toString());
    s3Options.put("s3.attempt-timeout", ATTEMPT_TIMEOUT.toMillis() + "ms");
    s3Options.put("s3.call-timeout", "20s");
    ObjectStore s3Faulted =
        Providers.load().open(StorageLocation.parse("s3://" + BUCKET + "/"), s3Options);
    backends.put(
        "s3",
        new Backend(
            "s3", s3Proxy, s3Faulted, s3Direct, List.of(s3.options().get("s3.secret-access-key"))));

    oss = OssServer.builder().build().start();
    ObjectStore ossDirect = Stores.oss(oss, BUCKET, "");
    FaultProxy ossProxy = FaultProxy.start(oss.endpoint().getPort());
    StorageLocation location = StorageLocation.parse("oss://" + BUCKET + "/");
    ObjectStore ossFaulted =
        Providers.load()
            .provider("oss")
            .open(
                location,
                ProviderConfig.of(
                        Map.of(
                            "oss.endpoint",
                            ossProxy.endpoint().toString(),
                            "oss.allow-insecure-http",
                            "true",
                            "oss.access-key-id",
                            oss.accessKeyId(),
                            "oss.access-key-secret",
                            oss.accessKeySecret(),
                            "oss.max-error-retry",
                            "0",
                            "oss.socket-timeout",
                            ATTEMPT_TIMEOUT.toMillis() + "ms"))
                    .withLocationParameters(location));
    backends.put(
        "oss", new Backend("oss", ossProxy, ossFaulted, ossDirect, List.of(oss.accessKeySecret())));
  }

  @AfterAll
  void stop() {
    backends.values().forEach(Backend::close);
    if (s3 != null) {
      s3.close();
    }
    if (oss != null) {
      oss.close();
    }
    report.write(Path.of("target"));
    assertThat(report.corrupt.get()).as("corrupt or lost acknowledged objects").isZero();
    assertThat(report.orphans.get()).as("orphaned uploads").isZero();
    assertThat(report.secrets.get()).as("secrets in messages").isZero();
    assertThat(report.overDeadline.get()).as("transfers over their deadline").isZero();
  }

  static Stream<Arguments> faults() {
    List<Arguments> cases = new ArrayList<>();
    for (String provider : List.of("s3", "oss")) {
      for (Kind kind : Kind.values()) {
        cases.add(Arguments.of(provider, kind));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("faults")
  void endsVerifiedOrTypedAndCleanUnderFault(String provider, Kind kind) throws Exception {
    Backend backend = backends.get(provider);
    int firings = kind == Kind.STALL ? STALLS : FIRINGS;
    Map<Kind, Integer> before = backend.proxy().fired();
    String prefix = "case-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "/";
    Outcomes outcomes = new Outcomes(backend, provider + " " + kind);
    try (TransferEngine engine =
        TransferEngine.builder().partSize(PART).concurrency(4).deadline(DEADLINE).build()) {
      if (ON_UPLOAD.contains(kind)) {
        backend.proxy().inject(fault(kind).when("PUT", "").times(firings).everyNth(2));
        for (int round = 0; round < 60 && backend.proxy().pending() > 0; round++) {
          uploadRound(engine, backend, prefix + round + "/", outcomes);
        }
      } else {
        List<String> keys = new ArrayList<>();
        Map<String, byte[]> contents = new HashMap<>();
        Map<String, Boolean> rawReadsCheckable = new HashMap<>();
        for (int i = 0; i < 4; i++) {
          byte[] bytes = content(i == 0 ? 60_000 : 350_000, i);
          String key = prefix + "source-" + i;
          backend.direct().put(key, Content.ofBytes(bytes), WriteOptions.DEFAULTS);
          keys.add(key);
          contents.put(key, bytes);
          Set<ChecksumAlgorithm> recorded =
              backend.direct().stat(key).orElseThrow().checksums().keySet();
          rawReadsCheckable.put(
              key,
              kind != Kind.FLIP_RESPONSE_BYTE
                  || recorded.contains(ChecksumAlgorithm.CRC32C)
                  || recorded.contains(ChecksumAlgorithm.CRC64ECMA));
        }
        backend
            .proxy()
            .inject(fault(kind).when("GET", prefix + "source-").times(firings).everyNth(2));
        for (int round = 0; round < 60 && backend.proxy().pending() > 0; round++) {
          downloadRound(engine, backend, keys, contents, rawReadsCheckable, round, outcomes);
        }
      }
    } finally {
      backend.proxy().clear();
    }
    Map<Kind, Integer> fired = difference(backend.proxy().fired(), before);
    report.fired(provider, fired);
    if (kind == Kind.FLIP_REQUEST_BYTE || kind == Kind.FLIP_RESPONSE_BYTE) {
      report.corruptionsInjected.addAndGet(fired.get(kind));
    }

    assertThat(fired.get(kind)).as(kind + " fired").isGreaterThanOrEqualTo(firings);
    assertThat(outcomes.verified).as("objects verified under " + kind).isPositive();
    assertThat(backend.direct().listMultipartUploads(prefix)).as("uploads left").isEmpty();
  }

  private static ProxyFault fault(Kind kind) {
    return switch (kind) {
      case STALL -> ProxyFault.stall(ATTEMPT_TIMEOUT.multipliedBy(3));
      case THROTTLE -> ProxyFault.throttle(512 * 1024);
      case RESET_DURING_REQUEST_BODY, RESET_DURING_RESPONSE_BODY, CUT_RESPONSE_BODY ->
          ProxyFault.of(kind).atByte(1_000);
      case FLIP_REQUEST_BYTE, FLIP_RESPONSE_BYTE -> ProxyFault.of(kind).atByte(777);
      default -> ProxyFault.of(kind);
    };
  }

  /** Two single writes and two multipart uploads, one from a stream of unknown length. */
  private void uploadRound(
      TransferEngine engine, Backend backend, String prefix, Outcomes outcomes) {
    int[] sizes = {30_000, 60_000, 350_000, 420_000};
    for (int i = 0; i < sizes.length; i++) {
      byte[] bytes = content(sizes[i], prefix.hashCode() + i);
      String key = prefix + "object-" + i;
      long start = System.nanoTime();
      try {
        if (i == 3) {
          engine.upload(Stores.unknownLength(bytes), backend.faulted(), key, WriteOptions.DEFAULTS);
        } else {
          engine.upload(Content.ofBytes(bytes), backend.faulted(), key, WriteOptions.DEFAULTS);
        }
        outcomes.acknowledged(key, bytes);
      } catch (StorageException e) {
        outcomes.failed(key, e);
      } finally {
        outcomes.timed(start);
      }
    }
  }

  /** Each source through the engine to a file, and through a raw ranged-less read. */
  private void downloadRound(
      TransferEngine engine,
      Backend backend,
      List<String> keys,
      Map<String, byte[]> contents,
      Map<String, Boolean> rawReadsCheckable,
      int round,
      Outcomes outcomes)
      throws IOException {
    for (String key : keys) {
      Path file = temp.resolve(backend.name() + "-" + round + "-" + key.replace('/', '_'));
      long start = System.nanoTime();
      try {
        engine.download(backend.faulted(), key, file);
        outcomes.downloaded(file, contents.get(key));
      } catch (StorageException e) {
        outcomes.failedDownload(file, e);
      } finally {
        outcomes.timed(start);
      }
      if (!rawReadsCheckable.get(key)) {
        continue; // a raw read of a store that sends no checksum with the body cannot see a flip
      }
      byte[] read;
      try (InputStream in = backend.faulted().get(key, ByteRange.ALL)) {
        read = in.readAllBytes();
      } catch (IOException | UncheckedIOException | StorageException e) {
        outcomes.readFailed(e);
        continue;
      }
      outcomes.read(key, read, contents.get(key));
    }
  }

  /** The checks every operation's outcome must pass, counted into the report. */
  private final class Outcomes {
    private final Backend backend;
    private final String caseName;
    int verified;

    Outcomes(Backend backend, String caseName) {
      this.backend = backend;
      this.caseName = caseName;
    }

    void acknowledged(String key, byte[] expected) {
      report.operations.incrementAndGet();
      byte[] stored;
      try (InputStream in = backend.direct().get(key, ByteRange.ALL)) {
        stored = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!java.util.Arrays.equals(stored, expected)) {
        report.corrupt.incrementAndGet();
      }
      assertThat(stored).as("acknowledged " + key).isEqualTo(expected);
      report.verified.incrementAndGet();
      report.ended(caseName, true);
      verified++;
    }

    void failed(String key, StorageException e) {
      report.operations.incrementAndGet();
      noSecret(e);
      if (backend.direct().stat(key).isPresent()) {
        report.corrupt.incrementAndGet();
      }
      assertThat(backend.direct().stat(key)).as("a failed upload's key " + key).isEmpty();
      report.failedTyped.incrementAndGet();
      report.ended(caseName, false);
    }

    void downloaded(Path file, byte[] expected) throws IOException {
      report.operations.incrementAndGet();
      byte[] written = Files.readAllBytes(file);
      if (!java.util.Arrays.equals(written, expected)) {
        report.corrupt.incrementAndGet();
      }
      assertThat(written).as("downloaded " + file.getFileName()).isEqualTo(expected);
      report.verified.incrementAndGet();
      report.ended(caseName, true);
      verified++;
    }

    void failedDownload(Path file, StorageException e) {
      report.operations.incrementAndGet();
      noSecret(e);
      assertThat(file).as("a failed download's file").doesNotExist();
      report.failedTyped.incrementAndGet();
      report.ended(caseName, false);
    }

    void read(String key, byte[] read, byte[] expected) {
      report.operations.incrementAndGet();
      if (!java.util.Arrays.equals(read, expected)) {
        report.corrupt.incrementAndGet();
      }
      assertThat(read).as("a read of " + key + " that ended without error").isEqualTo(expected);
      report.verified.incrementAndGet();
      report.ended(caseName, true);
      verified++;
    }

    void readFailed(Exception e) {
      report.operations.incrementAndGet();
      noSecret(e);
      report.failedTyped.incrementAndGet();
      report.ended(caseName, false);
    }

    void timed(long startNanos) {
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      if (took.compareTo(DEADLINE.plus(DEADLINE.dividedBy(10))) > 0) {
        report.overDeadline.incrementAndGet();
      }
    }

    private void noSecret(Throwable e) {
      report.failure(caseName, e);
      for (Throwable t = e; t != null; t = t.getCause()) {
        String text = t + " " + java.util.Arrays.toString(t.getSuppressed());
        for (String secret : backend.secrets()) {
          if (text.contains(secret)) {
            report.secrets.incrementAndGet();
          }
          assertThat(text).doesNotContain(secret);
        }
      }
    }
  }

  private static Map<Kind, Integer> difference(
      Map<Kind, Integer> after, Map<Kind, Integer> before) {
    Map<Kind, Integer> fired = new EnumMap<>(Kind.class);
    after.forEach((kind, count) -> fired.put(kind, count - before.getOrDefault(kind, 0)));
    return fired;
  }

  private static byte[] content(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
