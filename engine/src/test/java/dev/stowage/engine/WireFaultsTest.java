package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.params.provider.EnumSource;
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
  /**
   * {@code -Dstowage.soak=true} runs the long soak instead of the CI run: ten times the faults
   * (scale), each on one request in twenty (every) instead of one in two, so about a hundred times
   * the operations. {@code -Dstowage.soak.scale} and {@code -Dstowage.soak.every} change either.
   */
  private static final boolean SOAK = Boolean.getBoolean("stowage.soak");

  private static final int SCALE = SOAK ? Integer.getInteger("stowage.soak.scale", 10) : 1;
  private static final int EVERY = SOAK ? Integer.getInteger("stowage.soak.every", 20) : 2;
  private static final int FIRINGS = 40 * SCALE;
  private static final int STALLS = 20 * SCALE;

  /** Rounds enough for every firing to come around, with room for the retries in between. */
  private static final int ROUNDS = 30 * SCALE * EVERY;

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
          Kind.SLOW_DOWN_AFTER_REQUEST_BODY,
          Kind.TOO_MANY_REQUESTS_429,
          Kind.GATEWAY_TIMEOUT_504,
          Kind.CLOCK_SKEW_403,
          Kind.LOST_RESPONSE,
          Kind.GARBAGE_RESPONSE);

  private final ReliabilityReport report = new ReliabilityReport();
  private final Map<String, Backend> backends = new HashMap<>();
  @TempDir Path temp;

  /**
   * A store through the faults, the same store without them, the secrets it holds and, for the
   * wire, the proxy that injects them (closed with the servers).
   */
  private record Backend(
      String name, ObjectStore faulted, ObjectStore direct, List<String> secrets, FaultProxy proxy)
      implements AutoCloseable {
    Backend(String name, FaultyStore faulted, ObjectStore direct) {
      this(name, faulted, direct, List.of(), null);
    }

    @Override
    public void close() {
      faulted.close();
      direct.close();
    }
  }

  private LogCanary logs;
  private Resources before;
  private Path fsRoot;
  private ProxiedServers servers;

  @BeforeAll
  void start(@TempDir Path fsRoot) throws Exception {
    logs = LogCanary.install();
    before = Resources.now();
    servers = new ProxiedServers(BUCKET).start();
    Map<String, Map<String, String>> attemptTimeouts =
        Map.of(
            "s3",
            Map.of(
                "s3.attempt-timeout", ATTEMPT_TIMEOUT.toMillis() + "ms", "s3.call-timeout", "20s"),
            "oss",
            Map.of(
                "oss.max-error-retry",
                "0",
                "oss.socket-timeout",
                ATTEMPT_TIMEOUT.toMillis() + "ms"));
    for (String provider : ProxiedServers.PROVIDERS) {
      String secret = servers.secret(provider);
      logs.watch(secret);
      backends.put(
          provider,
          new Backend(
              provider,
              servers.open(provider, attemptTimeouts.get(provider)),
              servers.openDirect(provider),
              List.of(secret),
              servers.proxy(provider)));
    }
    this.fsRoot = fsRoot;
    backends.put(
        "fs",
        new Backend("fs", new FaultyStore(Stores.filesystem(fsRoot)), Stores.filesystem(fsRoot)));
  }

  @AfterAll
  void stop() {
    backends.values().forEach(Backend::close);
    if (servers != null) {
      servers.close();
    }
    Resources after = Resources.now();
    report.leaks(after.tcpSockets() - before.tcpSockets(), after.threadsSince(before));
    logs.close();
    report.logs(logs.lines(), logs.leaks(), logs.leaksByLogger());
    report.write(Path.of("target"));
    assertThat(report.corrupt.get()).as("corrupt or lost acknowledged objects").isZero();
    assertThat(report.orphans.get()).as("orphaned uploads").isZero();
    assertThat(report.secrets.get()).as("secrets in messages").isZero();
    assertThat(logs.lines()).as("log lines read").isPositive();
    assertThat(logs.leaksByLogger()).as("log lines with a secret, by logger").isEmpty();
    assertThat(report.overDeadline.get()).as("transfers over their deadline").isZero();
    assertThat(after.tcpSockets())
        .as("TCP sockets open once everything closed")
        .isEqualTo(before.tcpSockets());
    assertThat(after.threadsSince(before)).as("threads left once everything closed").isEmpty();
  }

  static Stream<Arguments> faults() {
    List<Arguments> cases = new ArrayList<>();
    for (String provider : List.of("s3", "oss")) {
      // a full store stops a batch by design (StoreFullTest), it is no fault to ride out
      for (Kind kind :
          EnumSet.complementOf(EnumSet.of(Kind.CANNED_ANSWER, Kind.STORAGE_FULL_507))) {
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
        backend.proxy().inject(fault(kind).when("PUT", "").times(firings).everyNth(EVERY));
        for (int round = 0; round < ROUNDS && backend.proxy().pending() > 0; round++) {
          uploadRound(engine, backend, prefix + round + "/", outcomes);
        }
      } else {
        Sources sources = sources(backend, prefix);
        // A raw read of a store that sends no checksum with the body cannot see a flipped byte.
        sources
            .rawReadsCheckable()
            .replaceAll(
                (key, checksums) ->
                    kind != Kind.FLIP_RESPONSE_BYTE
                        || sources.checksums().get(key).contains(ChecksumAlgorithm.CRC32C)
                        || sources.checksums().get(key).contains(ChecksumAlgorithm.CRC64ECMA));
        backend
            .proxy()
            .inject(fault(kind).when("GET", prefix + "source-").times(firings).everyNth(EVERY));
        for (int round = 0; round < ROUNDS && backend.proxy().pending() > 0; round++) {
          downloadRound(engine, backend, sources, round, outcomes);
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

  @ParameterizedTest(name = "fs: {0}")
  @EnumSource(FaultyStore.Kind.class)
  void filesystemEndsVerifiedOrTypedAndCleanUnderFault(FaultyStore.Kind kind) throws Exception {
    Backend backend = backends.get("fs");
    FaultyStore store = (FaultyStore) backend.faulted();
    Map<FaultyStore.Kind, Integer> before = store.fired();
    String prefix = "case-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "/";
    Outcomes outcomes = new Outcomes(backend, "fs " + kind);
    try (TransferEngine engine =
        TransferEngine.builder().partSize(PART).concurrency(4).deadline(DEADLINE).build()) {
      if (kind.onWrite) {
        store.inject(kind, prefix, FIRINGS, EVERY);
        for (int round = 0; round < ROUNDS && store.pending() > 0; round++) {
          uploadRound(engine, backend, prefix + round + "/", outcomes);
        }
      } else {
        Sources sources = sources(backend, prefix);
        store.inject(kind, prefix + "source-", FIRINGS, EVERY);
        // A raw read cannot see damage done outside the store, where these faults go in; a
        // download through the engine must.
        boolean rawReadsCheckable = kind == FaultyStore.Kind.IO_ERROR_DURING_READ;
        sources.rawReadsCheckable().replaceAll((key, checkable) -> rawReadsCheckable);
        for (int round = 0; round < ROUNDS && store.pending() > 0; round++) {
          downloadRound(engine, backend, sources, round, outcomes);
        }
      }
    } finally {
      store.clear();
    }
    Map<FaultyStore.Kind, Integer> fired = difference(store.fired(), before);
    report.fired("fs", fired);
    if (kind == FaultyStore.Kind.FLIP_BYTE_ON_WRITE || kind == FaultyStore.Kind.FLIP_BYTE_ON_READ) {
      report.corruptionsInjected.addAndGet(fired.get(kind));
    }

    assertThat(fired.get(kind)).as(kind + " fired").isGreaterThanOrEqualTo(FIRINGS);
    assertThat(outcomes.verified).as("objects verified under " + kind).isPositive();
    assertThat(backend.direct().listMultipartUploads(prefix)).as("uploads left").isEmpty();
    try (Stream<Path> files = Files.walk(fsRoot)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("temporary files under the root")
          .noneMatch(name -> name.startsWith(".stowage-tmp-"));
    }
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

  /** The objects a download case reads, and whether a raw read of each can see the fault. */
  private record Sources(
      Map<String, byte[]> contents,
      Map<String, Set<ChecksumAlgorithm>> checksums,
      Map<String, Boolean> rawReadsCheckable) {}

  /** Writes four objects to read under a prefix, through the unfaulted store. */
  private static Sources sources(Backend backend, String prefix) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    Map<String, Set<ChecksumAlgorithm>> checksums = new HashMap<>();
    Map<String, Boolean> rawReadsCheckable = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      byte[] bytes = content(i == 0 ? 60_000 : 350_000, i);
      String key = prefix + "source-" + i;
      backend.direct().put(key, Content.ofBytes(bytes), WriteOptions.DEFAULTS);
      contents.put(key, bytes);
      checksums.put(key, backend.direct().stat(key).orElseThrow().checksums().keySet());
      rawReadsCheckable.put(key, true);
    }
    return new Sources(contents, checksums, rawReadsCheckable);
  }

  /** Each source through the engine to a file, and through a raw ranged-less read. */
  private void downloadRound(
      TransferEngine engine, Backend backend, Sources sources, int round, Outcomes outcomes)
      throws IOException {
    Map<String, byte[]> contents = sources.contents();
    for (String key : contents.keySet()) {
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
      if (!sources.rawReadsCheckable().get(key)) {
        continue;
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

  private static <K extends Enum<K>> Map<K, Integer> difference(
      Map<K, Integer> after, Map<K, Integer> before) {
    Map<K, Integer> fired = new HashMap<>();
    after.forEach((kind, count) -> fired.put(kind, count - before.getOrDefault(kind, 0)));
    return fired;
  }

  private static byte[] content(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
