package dev.stowage.tck;

import static dev.stowage.tck.ByteDifference.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Page;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link ObjectStore} keeps. A provider's test extends this class and returns
 * its fixture from {@link #fixture()}; that is the whole setup.
 *
 * <p>Every case works under a fresh random prefix and removes what it wrote. A case that needs a
 * capability the store does not declare is skipped with that reason; a declared capability that
 * does not hold fails; an operation whose capability is declared absent must fail with {@link
 * UnsupportedCapabilityException}. {@link ContractReport} prints the tally when the class ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({ContractReport.class, PromiseMessages.class})
public abstract class AbstractObjectStoreContractTest {
  private static final int MIB = 1024 * 1024;
  private static final int LISTING_KEYS = 2_501;

  private StoreFixture fixture;
  private ObjectStore store;
  private String base;
  private RuntimeException cleanupFailure;

  /** For subclasses. */
  protected AbstractObjectStoreContractTest() {}

  /**
   * Returns the fixture that opens the store under test. Called once per class.
   *
   * @return the fixture
   */
  protected abstract StoreFixture fixture();

  /**
   * Returns the store under test, for subclasses' own cases.
   *
   * @return the store
   */
  protected final ObjectStore store() {
    return store;
  }

  /**
   * Returns a key under this case's random prefix.
   *
   * @param name the key's name under the prefix
   * @return the key
   */
  protected final String key(String name) {
    return base + name;
  }

  @BeforeAll
  final void openStore() {
    fixture = fixture();
    store = fixture.openStore();
  }

  @AfterAll
  final void closeStore() {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      if (fixture != null) {
        fixture.close();
      }
    }
  }

  @BeforeEach
  final void choosePrefix() {
    base = "tck-" + UUID.randomUUID().toString().substring(0, 8) + "/";
  }

  @AfterEach
  final void removeWhatTheCaseWrote() {
    if (cleanupFailure != null) {
      return; // reported once, by the case after which it first failed
    }
    List<String> left;
    try {
      left = StoreCleanup.empty(store, base);
    } catch (RuntimeException e) {
      cleanupFailure = e;
      throw new AssertionError(
          "cleaning up after this case failed, so later cases leave what they wrote under their"
              + " own prefixes: "
              + e.getMessage(),
          e);
    }
    assertThat(left).as("keys the clean-up could not delete").isEmpty();
    assertThat(listAll(ListRequest.of(base))).as("keys left after clean-up").isEmpty();
  }

  /**
   * Runs a call that must throw and returns an assertion on what it threw, described, so that a
   * call that throws nothing fails with the description too (AssertJ's {@code assertThatThrownBy}
   * fails before its {@code as} applies).
   */
  private static AbstractThrowableAssert<?, ? extends Throwable> thrownBy(
      ThrowingCallable call, String description, Object... arguments) {
    Throwable thrown = catchThrowable(call);
    String described = String.format(Locale.ROOT, description, arguments);
    if (thrown == null) {
      throw new AssertionError("[" + described + "] nothing was thrown");
    }
    return assertThat(thrown).as(described);
  }

  /** The first algorithm of an expected checksum the store checks that the kit can compute. */
  private ChecksumAlgorithm expectedAlgorithm() {
    return capabilities().expectedChecksumAlgorithms().stream()
        .sorted()
        .filter(a -> Checksums.of(a, new byte[0]).isPresent())
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "VERIFIES_EXPECTED_CHECKSUMS is declared with no checksum algorithm the"
                        + " kit can compute: "
                        + capabilities().expectedChecksumAlgorithms()));
  }

  private Capabilities capabilities() {
    return store.capabilities();
  }

  private static List<CompletedPart> allParts(ObjectStore store, MultipartUpload upload) {
    List<CompletedPart> parts = new ArrayList<>();
    TokenGuard tokens = new TokenGuard("part listing of " + upload.key());
    String token = "";
    while (true) {
      Page<CompletedPart> page = store.listParts(upload, token);
      parts.addAll(page.items());
      if (page.nextToken().isEmpty()) {
        return parts;
      }
      token = tokens.fresh(page.nextToken().get());
    }
  }

  private void require(Capability capability) {
    assumeTrue(
        capabilities().supports(capability),
        "the store does not declare " + capability + "; cases needing it are skipped");
  }

  // ---------------------------------------------------------------- objects

  /**
   * The answer to a write holds the store's word only: a size it reports is the size written, and
   * every checksum it reports is that of the bytes written (a provider that copied a value from the
   * request would pass this only by luck, so the cases below also check the stat).
   */
  private static void assertAnswersOnlyWhatItHolds(ObjectInfo answer, byte[] content) {
    if (answer.sizeKnown()) {
      assertThat(answer.size()).as("the size the store answered").isEqualTo(content.length);
    }
    answer
        .checksums()
        .forEach(
            (algorithm, value) ->
                Checksums.of(algorithm, content)
                    .ifPresent(
                        expected ->
                            assertThat(value)
                                .as("the " + algorithm + " the store answered")
                                .isEqualTo(expected)));
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, MIB + 1, 3 * MIB + 17})
  @Promise(
      value =
          "put stores exactly the bytes of the content, and put, stat and get agree on the key and size.",
      hint =
          "Check that put reads the whole content, and that its answer holds what the store answered, never the request's values.")
  void roundTripsContentByteForByte(int size) throws IOException {
    byte[] content = randomBytes(size, size);
    String key = key("object-" + size);

    ObjectInfo written = store.put(key, Content.ofBytes(content), WriteOptions.DEFAULTS);

    assertThat(written.key()).as("the key put answered").isEqualTo(key);
    assertAnswersOnlyWhatItHolds(written, content);
    assertSameBytes(read(key, ByteRange.ALL), content, "the bytes read from " + key);
    ObjectInfo stat = store.stat(key).orElseThrow();
    assertThat(stat.size()).as("the size stat reports for %s", key).isEqualTo(size);
    assertThat(stat.key()).as("the key stat reports").isEqualTo(key);
    if (written.etag().isPresent() && stat.etag().isPresent()) {
      assertThat(stat.etag())
          .as("the ETag stat reports for %s, against the one put answered", key)
          .isEqualTo(written.etag());
    }
  }

  @Test
  @Promise(
      value =
          "stat reports each checksum the capabilities declare, computed over the object's bytes.",
      hint =
          "Declare only algorithms the store computes itself, and report them as lower-case hex of the whole object.")
  void reportsDeclaredChecksumsOfTheContent() {
    assumeFalse(
        capabilities().checksumAlgorithms().isEmpty(), "the store declares no checksum algorithm");
    byte[] content = randomBytes(100_003, 7);
    String key = key("checksummed");
    store.put(key, Content.ofBytes(content), WriteOptions.DEFAULTS);

    Map<ChecksumAlgorithm, String> reported = store.stat(key).orElseThrow().checksums();
    for (ChecksumAlgorithm algorithm : capabilities().checksumAlgorithms()) {
      Optional<String> expected = Checksums.of(algorithm, content);
      if (expected.isPresent()) {
        assertThat(reported)
            .as("declared checksum " + algorithm)
            .containsEntry(algorithm, expected.get());
      }
    }
  }

  @Test
  @Conformance("metadata")
  @Promise(
      value =
          "With USER_METADATA, stat returns the user metadata the write gave, keys and values unchanged.",
      hint =
          "Keep UTF-8 values intact (encode them if the backend's headers are ASCII) and return keys as they were given.")
  void keepsUserMetadata() {
    require(Capability.USER_METADATA);
    String key = key("with-metadata");
    Map<String, String> metadata =
        Map.of("origin", "tck", "created-by", "stowage", "note", "grüße, 1+1=2");
    store.put(
        key,
        Content.ofBytes(new byte[] {1, 2, 3}),
        WriteOptions.builder().userMetadata(metadata).contentType("application/x-tck").build());

    assertThat(store.stat(key).orElseThrow().userMetadata())
        .as("the user metadata stat reports for %s", key)
        .isEqualTo(metadata);
  }

  @Test
  @Conformance(value = "metadata", refusal = true)
  @Promise(
      value =
          "Without USER_METADATA, a write that carries user metadata throws UnsupportedCapabilityException.",
      hint =
          "Check WriteOptions.userMetadata() first in put and refuse it typed rather than dropping it silently.")
  void refusesUserMetadataWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.USER_METADATA), "the store declares USER_METADATA");
    WriteOptions options = WriteOptions.builder().userMetadata("origin", "tck").build();
    thrownBy(
            () -> store.put(key("metadata"), Content.ofBytes(new byte[1]), options),
            "put of %s with user metadata, without USER_METADATA",
            key("metadata"))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  @Promise(
      value = "stat of a key that holds no object returns an empty Optional, not an exception.",
      hint = "Map the backend's not-found answer (HTTP 404, ENOENT) to Optional.empty() in stat.")
  void statOfMissingKeyIsEmpty() {
    assertThat(store.stat(key("missing")))
        .as("stat of %s, never written", key("missing"))
        .isEmpty();
  }

  @Test
  @Promise(
      value =
          "get of a missing key throws ObjectNotFoundException, not retryable, whose message names the key.",
      hint =
          "Map the backend's not-found answer to ObjectNotFoundException with an ErrorContext that carries the key.")
  void readOfMissingKeyFailsNamingTheKey() {
    String key = key("missing-for-read");
    thrownBy(() -> store.get(key, ByteRange.ALL).close(), "get of %s, never written", key)
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(key)
        .satisfies(
            e ->
                assertThat(((StorageException) e).isRetryable())
                    .as("whether the not-found failure is retryable")
                    .isFalse());
  }

  @Test
  @Promise(
      value =
          "get returns the bytes of the range clipped to the object: a range over the end stops at the end, one at or past the end is empty.",
      hint =
          "Clip the range to the object's size before reading, and answer an empty stream rather than an error past the end.")
  void readsRangesClippedToTheObject() throws IOException {
    byte[] content = randomBytes(1_000, 3);
    String key = key("ranged");
    store.put(key, Content.ofBytes(content), WriteOptions.DEFAULTS);

    assertSameBytes(
        read(key, new ByteRange(0, 10)),
        Arrays.copyOfRange(content, 0, 10),
        "bytes 0 to 9 of " + key);
    assertSameBytes(
        read(key, new ByteRange(400, 100)),
        Arrays.copyOfRange(content, 400, 500),
        "bytes 400 to 499 of " + key);
    assertSameBytes(
        read(key, new ByteRange(990, 10)),
        Arrays.copyOfRange(content, 990, 1_000),
        "bytes 990 to 999 of " + key);
    assertSameBytes(
        read(key, ByteRange.from(500)),
        Arrays.copyOfRange(content, 500, 1_000),
        "bytes 500 to the end of " + key);
    assertSameBytes(
        read(key, new ByteRange(995, 100)),
        Arrays.copyOfRange(content, 995, 1_000),
        "a range over the end");
    assertThat(read(key, new ByteRange(1_000, 10))).as("a range at the end").isEmpty();
    assertThat(read(key, new ByteRange(5_000, 1))).as("a range past the end").isEmpty();
  }

  @Test
  @Promise(
      value = "A put to an existing key replaces its content, size and metadata as a whole.",
      hint =
          "Write the new object completely (content and metadata) rather than updating the old one in place.")
  void overwriteReplacesContentAndMetadata() throws IOException {
    String key = key("overwritten");
    boolean metadata = capabilities().supports(Capability.USER_METADATA);
    store.put(
        key,
        Content.ofBytes("first version".getBytes(StandardCharsets.UTF_8)),
        metadata
            ? WriteOptions.builder().userMetadata("version", "1").build()
            : WriteOptions.DEFAULTS);
    byte[] second = "the second, longer version".getBytes(StandardCharsets.UTF_8);
    store.put(
        key,
        Content.ofBytes(second),
        metadata
            ? WriteOptions.builder().userMetadata("version", "2").build()
            : WriteOptions.DEFAULTS);

    assertSameBytes(read(key, ByteRange.ALL), second, "the bytes read from " + key);
    ObjectInfo stat = store.stat(key).orElseThrow();
    assertThat(stat.size())
        .as("the size stat reports for %s after the overwrite", key)
        .isEqualTo(second.length);
    if (metadata) {
      assertThat(stat.userMetadata())
          .as("the user metadata stat reports for %s after the overwrite", key)
          .isEqualTo(Map.of("version", "2"));
    }
  }

  @Test
  @Promise(
      value =
          "put of content shorter or longer than its declared length throws IntegrityException and leaves no object.",
      hint =
          "Count the bytes read against Content.length() and check for one byte more before publishing anything.")
  void refusesContentShorterOrLongerThanDeclaredAndWritesNothing() {
    String key = key("short-source");
    Content shortSource = lyingContent(100, 60);
    thrownBy(
            () -> store.put(key, shortSource, WriteOptions.DEFAULTS),
            "put of %s from a source 40 bytes shorter than it declared",
            key)
        .isInstanceOf(IntegrityException.class);
    assertThat(store.stat(key)).as("an object from a short source").isEmpty();

    Content longSource = lyingContent(100, 150);
    thrownBy(
            () -> store.put(key, longSource, WriteOptions.DEFAULTS),
            "put of %s from a source 50 bytes longer than it declared",
            key)
        .isInstanceOf(IntegrityException.class);
    assertThat(store.stat(key)).as("an object from a long source").isEmpty();
  }

  @Test
  @Conformance("atomic-write")
  @Promise(
      value =
          "With ATOMIC_WRITE, a read during overwrites sees the whole old object or the whole new one, never a mix.",
      hint =
          "Publish a write in one step (a rename, a swap of references) after its bytes are complete.")
  void readersSeeWholeOldOrWholeNewObject() throws Exception {
    require(Capability.ATOMIC_WRITE);
    String key = key("atomic");
    int size = 256 * 1024;
    byte[] a = filled(size, (byte) 'a');
    byte[] b = filled(size, (byte) 'b');
    store.put(key, Content.ofBytes(a), WriteOptions.DEFAULTS);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> writer =
          pool.submit(
              () -> {
                try {
                  for (int i = 0; i < 40; i++) {
                    store.put(key, Content.ofBytes(i % 2 == 0 ? b : a), WriteOptions.DEFAULTS);
                  }
                } finally {
                  writing.set(false);
                }
                return 40;
              });
      Future<Integer> reader =
          pool.submit(
              () -> {
                int reads = 0;
                boolean mixedAnswersRefused =
                    fixture
                        .serverDeviations()
                        .contains(ServerDeviation.MIXES_VERSIONS_IN_A_RACING_READ);
                while (writing.get() || reads == 0) {
                  byte[] seen;
                  try {
                    seen = read(key, ByteRange.ALL);
                  } catch (IOException e) {
                    if (mixedAnswersRefused && e.getCause() instanceof IntegrityException) {
                      continue; // the provider caught the server's mixed answer
                    }
                    throw e;
                  }
                  assertThat(seen.length).as("length of a read during overwrites").isEqualTo(size);
                  assertThat(Arrays.equals(seen, a) || Arrays.equals(seen, b))
                      .as("a read during overwrites is wholly one version")
                      .isTrue();
                  reads++;
                }
                return reads;
              });
      assertThat(writer.get(2, TimeUnit.MINUTES)).as("overwrites done").isEqualTo(40);
      assertThat(reader.get(2, TimeUnit.MINUTES))
          .as("reads done during the overwrites")
          .isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- conditional create

  @Test
  @Conformance("conditional")
  @Promise(
      value =
          "With CONDITIONAL_CREATE, a create-only put to an existing key throws PreconditionFailedException naming the key and keeps the object.",
      hint =
          "Use the backend's own condition (If-None-Match: *, an exclusive create) rather than a stat before the write.")
  void createOnlyRefusesAnExistingKeyAndKeepsIt() throws IOException {
    require(Capability.CONDITIONAL_CREATE);
    String key = key("create-only");
    WriteOptions createOnly = WriteOptions.builder().createOnly(true).build();
    byte[] original = "original".getBytes(StandardCharsets.UTF_8);
    store.put(key, Content.ofBytes(original), createOnly);

    thrownBy(
            () -> store.put(key, Content.ofBytes(new byte[] {9}), createOnly),
            "a second create-only put of %s",
            key)
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(key);
    assertSameBytes(read(key, ByteRange.ALL), original, "the bytes read from " + key);
  }

  @Test
  @Conformance("conditional")
  @Promise(
      value =
          "With CONDITIONAL_CREATE, of racing create-only writes to one key exactly one succeeds.",
      hint =
          "A check then a write is a race; the backend must decide atomically (a conditional request, a link or exclusive create).")
  void createOnlyRaceHasExactlyOneWinner() throws Exception {
    require(Capability.CONDITIONAL_CREATE);
    String key = key("race");
    int writers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        byte[] content = ("writer " + i).getBytes(StandardCharsets.UTF_8);
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    store.put(
                        key,
                        Content.ofBytes(content),
                        WriteOptions.builder().createOnly(true).build());
                    return true;
                  } catch (PreconditionFailedException e) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> outcome : outcomes) {
        winners += outcome.get(1, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(winners).as("writers whose create-only write succeeded").isEqualTo(1);
      assertThat(new String(read(key, ByteRange.ALL), StandardCharsets.UTF_8))
          .as("the content of %s after the race", key)
          .startsWith("writer ");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Conformance(value = "conditional", refusal = true)
  @Promise(
      value =
          "Without CONDITIONAL_CREATE, a create-only put throws UnsupportedCapabilityException.",
      hint =
          "Check WriteOptions.createOnly() first in put and refuse it typed rather than overwriting.")
  void createOnlyFailsTypedWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.CONDITIONAL_CREATE),
        "the store declares CONDITIONAL_CREATE");
    thrownBy(
            () ->
                store.put(
                    key("x"),
                    Content.ofBytes(new byte[1]),
                    WriteOptions.builder().createOnly(true).build()),
            "a create-only put without CONDITIONAL_CREATE")
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  // ---------------------------------------------------------------- server-side copy

  @Test
  @Conformance("copy")
  @Promise(
      value =
          "With COPY, copy makes the target a byte-for-byte copy with the metadata the copy gives, leaves the source, and answers what the store holds.",
      hint =
          "Replace the metadata on copy (S3's MetadataDirective REPLACE) and report the copy's own size and checksums.")
  void copiesAnObjectWithTheNewMetadataAndLeavesTheSource() throws IOException {
    require(Capability.COPY);
    String source = key("copy-source");
    String target = key("copy-target");
    byte[] content = randomBytes(100_003, 41);
    store.put(
        source,
        Content.ofBytes(content),
        WriteOptions.builder().userMetadata("origin", "source").build());
    WriteOptions options =
        capabilities().supports(Capability.USER_METADATA)
            ? WriteOptions.builder().userMetadata("origin", "copy").build()
            : WriteOptions.DEFAULTS;

    ObjectInfo answer = store.copy(source, target, options);

    assertThat(answer.key()).as("the key copy answered").isEqualTo(target);
    assertSameBytes(read(target, ByteRange.ALL), content, "the bytes read from " + target);
    assertSameBytes(read(source, ByteRange.ALL), content, "the bytes read from " + source);
    assertAnswersOnlyWhatItHolds(answer, content);
    ObjectInfo copied = store.stat(target).orElseThrow();
    assertThat(copied.size())
        .as("the size stat reports for the copy %s", target)
        .isEqualTo(content.length);
    assertAnswersOnlyWhatItHolds(copied, content);
    if (capabilities().supports(Capability.USER_METADATA)) {
      assertThat(copied.userMetadata())
          .as("the user metadata of the copy %s", target)
          .containsEntry("origin", "copy");
    }
  }

  @Test
  @Conformance("copy")
  @Promise(
      value =
          "With COPY, a copy over an existing target replaces it, and a copy of a missing source throws ObjectNotFoundException and writes nothing.",
      hint =
          "Map the backend's missing-source answer (404 NoSuchKey on CopyObject) to ObjectNotFoundException.")
  void aCopyReplacesTheTargetAndAMissingSourceIsNotFound() throws IOException {
    require(Capability.COPY);
    String source = key("copy-over-source");
    String target = key("copy-over-target");
    byte[] content = randomBytes(1_000, 42);
    store.put(source, Content.ofBytes(content), WriteOptions.DEFAULTS);
    store.put(target, Content.ofBytes(randomBytes(10, 43)), WriteOptions.DEFAULTS);

    store.copy(source, target, WriteOptions.DEFAULTS);
    assertSameBytes(read(target, ByteRange.ALL), content, "the bytes read from " + target);

    String missing = key("copy-missing");
    thrownBy(
            () -> store.copy(missing, key("copy-nowhere"), WriteOptions.DEFAULTS),
            "copy of %s, never written",
            missing)
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(store.stat(key("copy-nowhere")))
        .as("an object made by a copy of a missing source")
        .isEmpty();
  }

  @Test
  @Conformance("copy")
  @Promise(
      value =
          "With MULTIPART_COPY, copyPart copies a byte range of an object into a part, and the completed object is the ranges joined.",
      hint =
          "Send the range as inclusive first and last byte (bytes=first-last), and answer the part's number and tag.")
  void copiesRangesOfAnObjectIntoPartsOfAnUpload() throws IOException {
    require(Capability.MULTIPART_COPY);
    int partSize = (int) Math.max(capabilities().minPartSize(), 256 * 1024);
    byte[] content = randomBytes(2 * partSize + 4_321, 44);
    String source = key("part-copy-source");
    String target = key("part-copy-target");
    store.put(source, Content.ofBytes(content), WriteOptions.DEFAULTS);
    ObjectInfo described = store.stat(source).orElseThrow();
    MultipartUpload upload = store.initiateMultipart(target, WriteOptions.DEFAULTS);

    List<CompletedPart> parts = new ArrayList<>();
    for (int number = 1; number <= 3; number++) {
      long from = (long) (number - 1) * partSize;
      long length = Math.min(partSize, content.length - from);
      CompletedPart part = store.copyPart(upload, number, described, new ByteRange(from, length));
      assertThat(part.partNumber()).as("the part number copyPart answered").isEqualTo(number);
      if (part.sizeKnown()) {
        assertThat(part.size()).as("part " + number + "'s size").isEqualTo(length);
      }
      parts.add(part);
    }
    assertThat(store.stat(target)).as("the object before completion").isEmpty();
    ObjectInfo answer = store.completeMultipart(upload, parts);

    assertAnswersOnlyWhatItHolds(answer, content);
    assertSameBytes(read(target, ByteRange.ALL), content, "the bytes read from " + target);
    assertAnswersOnlyWhatItHolds(store.stat(target).orElseThrow(), content);
  }

  @Test
  @Conformance("copy")
  @Promise(
      value =
          "With MULTIPART_COPY, copyPart of a source replaced since it was described throws PreconditionFailedException, of a missing one ObjectNotFoundException, and adds no part.",
      hint =
          "Make the part copy conditional on the source's ETag (x-amz-copy-source-if-match) and map 412 and 404.")
  void aPartCopyOfAReplacedSourceFailsAndOfAMissingOneIsNotFound() {
    require(Capability.MULTIPART_COPY);
    String source = key("part-copy-replaced");
    store.put(source, Content.ofBytes(randomBytes(1_000, 45)), WriteOptions.DEFAULTS);
    ObjectInfo described = store.stat(source).orElseThrow();
    assumeTrue(described.etag().isPresent(), "the store gives no ETag to condition a part copy on");
    store.put(source, Content.ofBytes(randomBytes(1_000, 46)), WriteOptions.DEFAULTS);
    assumeFalse(
        store.stat(source).orElseThrow().etag().equals(described.etag()),
        "the store gave the replacement the same ETag");
    String target = key("part-copy-refused");
    MultipartUpload upload = store.initiateMultipart(target, WriteOptions.DEFAULTS);
    try {
      thrownBy(
              () -> store.copyPart(upload, 1, described, new ByteRange(0, 1_000)),
              "a part copy of a source replaced since it was described")
          .isInstanceOf(PreconditionFailedException.class);
      ObjectInfo missing = ObjectInfo.builder(key("part-copy-missing")).build();
      thrownBy(
              () -> store.copyPart(upload, 1, missing, new ByteRange(0, 1)),
              "a part copy of %s, never written",
              missing.key())
          .isInstanceOf(ObjectNotFoundException.class);
      assertThat(allParts(store, upload)).as("parts after the refusals").isEmpty();
    } finally {
      store.abortMultipart(upload);
    }
  }

  @Test
  @Conformance(value = "copy", refusal = true)
  @Promise(
      value = "Without MULTIPART_COPY, copyPart throws UnsupportedCapabilityException.",
      hint = "Leave copyPart to the interface's default, which refuses it typed.")
  void partCopyFailsTypedWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.MULTIPART_COPY), "the store declares MULTIPART_COPY");
    MultipartUpload upload = MultipartUpload.builder(key("pc"), "no-such-upload").build();
    ObjectInfo source = ObjectInfo.builder(key("a")).build();
    thrownBy(
            () -> store.copyPart(upload, 1, source, new ByteRange(0, 1)),
            "copyPart without MULTIPART_COPY")
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  @Conformance(value = "copy", refusal = true)
  @Promise(
      value = "Without COPY, copy throws UnsupportedCapabilityException.",
      hint = "Leave copy to the interface's default, which refuses it typed.")
  void copyFailsTypedWhenNotDeclared() {
    assumeFalse(capabilities().supports(Capability.COPY), "the store declares COPY");
    thrownBy(() -> store.copy(key("a"), key("b"), WriteOptions.DEFAULTS), "copy without COPY")
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  // ---------------------------------------------------------------- listing

  @Test
  @Promise(
      value =
          "list returns every key under the prefix exactly once, in UTF-8 byte order, at most pageSize entries a page, with a token that moves on.",
      hint =
          "Make the token the last key returned and start the next page strictly after it; sort with Keys.UTF8_ORDER.")
  void listsEveryKeyExactlyOnceInUtf8OrderAtEveryPageSize() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < LISTING_KEYS - 12; i++) {
      keys.add(
          key(i % 5 == 0 ? String.format("d%02d/k%04d", i % 10, i) : String.format("k%04d", i)));
    }
    for (String name :
        List.of("a-b", "a/b", "a.b", "a0", "é", "z", "~", "\uD83D\uDE00", "\uFF5E", "A", "a b")) {
      keys.add(key("mix/" + name));
    }
    putAll(keys);
    List<String> expected = new ArrayList<>(keys);
    expected.sort(listingOrder());

    for (int pageSize : new int[] {1, 2, 3, 1_000}) {
      List<String> listed = new ArrayList<>();
      int pages = 0;
      ListRequest request = ListRequest.builder().prefix(base).pageSize(pageSize).build();
      TokenGuard tokens = new TokenGuard("listing at page size " + pageSize);
      while (true) {
        ListPage page = store.list(request);
        assertThat(page.objects().size()).as("entries on one page").isLessThanOrEqualTo(pageSize);
        page.objects().forEach(o -> listed.add(o.key()));
        if (page.nextToken().isEmpty()) {
          break;
        }
        request = request.next(tokens.fresh(page.nextToken().get()));
        assertThat(++pages)
            .as("pages at page size " + pageSize)
            .isLessThanOrEqualTo(expected.size() / pageSize + 2);
      }
      assertThat(listed)
          .as("keys listed at page size " + pageSize)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  @Promise(
      value =
          "A listing continued after writes and deletes between its pages repeats no key, skips none that stayed, and stays in order.",
      hint = "Continue from the last key returned, not from an offset or index into the listing.")
  void listingNeitherRepeatsNorSkipsKeysWhenOthersChangeBetweenPages() {
    List<String> throughout = new ArrayList<>();
    for (String name : List.of("b", "d", "f", "h", "j", "l")) {
      throughout.add(key("moving/" + name));
    }
    String removed = key("moving/k");
    List<String> initial = new ArrayList<>(throughout);
    initial.add(removed);
    putAll(initial);

    ListRequest request = ListRequest.builder().prefix(key("moving/")).pageSize(2).build();
    ListPage first = store.list(request);
    assertThat(first.nextToken()).as("a first page of two of seven").isPresent();
    List<String> listed = new ArrayList<>();
    first.objects().forEach(o -> listed.add(o.key()));
    // between pages: a key inside the page already returned, one before it, one ahead; one removed
    putAll(List.of(key("moving/c"), key("moving/a"), key("moving/g")));
    store.delete(removed);
    listed.addAll(listAll(request.next(first.nextToken().get())));

    assertThat(listed).as("keys listed").doesNotHaveDuplicates().containsAll(throughout);
    assertThat(listed)
        .as("keys listed")
        .isSortedAccordingTo(AbstractObjectStoreContractTest::compareUtf8Bytes)
        .doesNotContain(removed);
  }

  @Test
  @Promise(
      value =
          "Keys are listed in UTF-8 byte order, also for characters beyond the Basic Multilingual Plane.",
      hint = "String.compareTo sorts in UTF-16 order; compare with Keys.UTF8_ORDER.")
  void listsInUtf8ByteOrderBeyondTheBasicPlane() {
    assumeFalse(
        fixture.serverDeviations().contains(ServerDeviation.LISTS_IN_UTF16_ORDER),
        ServerDeviation.LISTS_IN_UTF16_ORDER.reason());
    List<String> keys = new ArrayList<>();
    for (String name : List.of("\uFF5E", "\uD83D\uDE00", "\uE000", "z", "\uD800\uDC00", "\uFFFD")) {
      keys.add(key("order/" + name));
    }
    putAll(keys);
    keys.sort(AbstractObjectStoreContractTest::compareUtf8Bytes);
    assertThat(listAll(ListRequest.of(key("order/"))))
        .as("keys listed under %s", key("order/"))
        .containsExactlyElementsOf(keys);
  }

  @Test
  @Promise(
      value = "Each listed object carries its key and size, and the last page has no token.",
      hint =
          "Fill ObjectInfo's size from the listing's answer, and give a token only when more entries follow.")
  void listsObjectsWithSizes() {
    store.put(key("sized/one"), Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS);
    store.put(key("sized/three"), Content.ofBytes(new byte[3]), WriteOptions.DEFAULTS);
    ListPage page = store.list(ListRequest.of(key("sized/")));
    assertThat(page.objects())
        .as("keys and sizes listed under %s", key("sized/"))
        .extracting(ObjectInfo::key, ObjectInfo::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(key("sized/one"), 1L),
            org.assertj.core.groups.Tuple.tuple(key("sized/three"), 3L));
    assertThat(page.nextToken()).as("the token of the only page").isEmpty();
  }

  @Test
  @Promise(
      value =
          "With a delimiter, keys below it roll up into one common prefix each, in order with the objects, once across pages.",
      hint =
          "Count a common prefix as one entry of the page, and on the next page skip the keys under the prefix already returned.")
  void rollsUpCommonPrefixesAtTheDelimiterAcrossPages() {
    putAll(
        List.of(key("p/a"), key("p/b/1"), key("p/b/2"), key("p/c/d/e"), key("p/d"), key("p/e/f")));
    ListRequest all = ListRequest.builder().prefix(key("p/")).delimiter("/").build();
    ListPage page = store.list(all);
    assertThat(page.objects())
        .as("objects listed with delimiter '/' under %s", key("p/"))
        .extracting(ObjectInfo::key)
        .containsExactly(key("p/a"), key("p/d"));
    assertThat(page.commonPrefixes())
        .as("common prefixes listed under %s", key("p/"))
        .containsExactly(key("p/b/"), key("p/c/"), key("p/e/"));

    List<String> entries = new ArrayList<>();
    ListRequest request = all.toBuilder().pageSize(1).build();
    TokenGuard tokens = new TokenGuard("listing with a delimiter, a page at a time");
    for (int pages = 0; pages < 10; pages++) {
      ListPage one = store.list(request);
      one.objects().forEach(o -> entries.add(o.key()));
      entries.addAll(one.commonPrefixes());
      if (one.nextToken().isEmpty()) {
        break;
      }
      request = request.next(tokens.fresh(one.nextToken().get()));
    }
    assertThat(entries)
        .as("objects and common prefixes listed a page at a time under %s", key("p/"))
        .containsExactly(key("p/a"), key("p/b/"), key("p/c/"), key("p/d"), key("p/e/"));
  }

  @Test
  @Promise(
      value = "A listing with startAfter returns only keys after it in UTF-8 byte order.",
      hint = "Start strictly after startAfter, and only when it sorts after the prefix.")
  void startsListingAfterAKey() {
    putAll(List.of(key("s/1"), key("s/2"), key("s/3"), key("s/4")));
    ListPage page =
        store.list(ListRequest.builder().prefix(key("s/")).startAfter(key("s/2")).build());
    assertThat(page.objects())
        .as("keys listed after %s", key("s/2"))
        .extracting(ObjectInfo::key)
        .containsExactly(key("s/3"), key("s/4"));
  }

  @Test
  @Promise(
      value = "A listing under a prefix that holds nothing is one empty page without a token.",
      hint = "Answer an empty page rather than an error when the prefix does not exist.")
  void listsNothingUnderAnUnusedPrefix() {
    ListPage page = store.list(ListRequest.of(key("nothing-here/")));
    assertThat(page.objects()).as("objects under an unused prefix").isEmpty();
    assertThat(page.commonPrefixes()).as("common prefixes under an unused prefix").isEmpty();
    assertThat(page.nextToken()).as("the token of a listing of an unused prefix").isEmpty();
  }

  // ---------------------------------------------------------------- delete

  @Test
  @Promise(
      value =
          "deleteAll of up to maxDeleteBatch keys deletes them all and reports every key, present or missing, as deleted.",
      hint =
          "Count a key that was already absent as deleted, and reconcile the server's answer against every key sent.")
  void deletesABatchOfPresentAndMissingKeysAtTheDeclaredMaximum() {
    int max = capabilities().maxDeleteBatch();
    int present = Math.min(max / 2, 500);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      keys.add(key(String.format("batch/%05d", i)));
    }
    putAll(keys.subList(0, present));

    DeleteResult result = store.deleteAll(keys);

    assertThat(result.failed()).as("keys deleteAll reported failed").isEmpty();
    assertThat(new TreeSet<>(result.deleted()))
        .as("keys deleteAll reported deleted")
        .isEqualTo(new TreeSet<>(keys));
    assertThat(listAll(ListRequest.of(key("batch/"))))
        .as("keys left under %s after deleteAll", key("batch/"))
        .isEmpty();
  }

  @Test
  @Promise(
      value =
          "deleteAll of more keys than maxDeleteBatch throws IllegalArgumentException before any I/O.",
      hint = "Check the batch's size against the declared maximum first.")
  void refusesABatchOverTheDeclaredMaximum() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i <= capabilities().maxDeleteBatch(); i++) {
      keys.add(key("over/" + i));
    }
    thrownBy(
            () -> store.deleteAll(keys),
            "deleteAll of %s keys, one over the declared maximum",
            keys.size())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Promise(
      value = "delete of a missing key succeeds, so deleting twice is no error.",
      hint = "Treat the backend's not-found answer to a delete as success.")
  void deleteIsIdempotent() {
    String key = key("deleted-twice");
    store.put(key, Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    store.delete(key);
    store.delete(key);
    store.delete(key("never-existed"));
    assertThat(store.stat(key)).as("stat of %s after deleting it twice", key).isEmpty();
  }

  @Test
  @Promise(
      value =
          "With VERIFIES_EXPECTED_CHECKSUMS, a put whose bytes differ from WriteOptions.expectedChecksums() throws IntegrityException and leaves the old object.",
      hint =
          "Hand the expected checksum to the backend (a checksum header, Content-MD5, a check before the rename) so it refuses before publishing.")
  void refusesAWriteWhoseBytesDifferFromTheExpectedChecksumAndKeepsTheOldObject()
      throws IOException {
    require(Capability.VERIFIES_EXPECTED_CHECKSUMS);
    ChecksumAlgorithm algorithm = expectedAlgorithm();
    String key = key("expected.bin");
    byte[] original = randomBytes(1_000, 31);
    byte[] replacement = randomBytes(1_000, 32);
    store.put(key, Content.ofBytes(original), WriteOptions.DEFAULTS);
    WriteOptions expectingOther =
        WriteOptions.builder()
            .expectedChecksum(algorithm, Checksums.of(algorithm, original).orElseThrow())
            .build();

    thrownBy(
            () -> store.put(key, Content.ofBytes(replacement), expectingOther),
            "bytes whose %s is not the expected one",
            algorithm)
        .isInstanceOf(IntegrityException.class);
    assertSameBytes(read(key, ByteRange.ALL), original, "the old object");

    WriteOptions expectingOwn =
        WriteOptions.builder()
            .expectedChecksum(algorithm, Checksums.of(algorithm, replacement).orElseThrow())
            .build();
    store.put(key, Content.ofBytes(replacement), expectingOwn);
    assertSameBytes(read(key, ByteRange.ALL), replacement, "bytes with the expected checksum");
  }

  /**
   * The modification time a store reports is the write's: within its start and end (widened by the
   * fixture's clock-skew allowance), never hours off as a local time read as UTC is, and the same,
   * to the second, in {@code stat} and in a listing.
   */
  @Test
  @Promise(
      value =
          "lastModified is the time of the write, in UTC, within the write's start and end (plus the fixture's clock-skew allowance), and stat and list agree to the second.",
      hint = "Parse the backend's time with its zone; a local time read as UTC is hours off.")
  void reportsTheTimeOfTheWriteAlikeInStatAndListing() {
    Duration allowance = fixture.clockSkewAllowance();
    String key = key("timed/now.bin");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.put(key, Content.ofBytes(new byte[] {1, 2, 3}), WriteOptions.DEFAULTS);
    Instant end = Instant.now();

    Optional<Instant> stated = store.stat(key).orElseThrow().lastModified();
    assumeTrue(stated.isPresent(), "the store reports no modification time");
    assertThat(stated.get())
        .as(
            "the time stat reports for a write between %s and %s (clock-skew allowance %s)",
            start, end, allowance)
        .isBetween(start.minus(allowance), end.plus(allowance));
    ObjectInfo listed = store.list(ListRequest.of(key("timed/"))).objects().get(0);
    listed
        .lastModified()
        .ifPresent(
            time ->
                assertThat(time.truncatedTo(ChronoUnit.SECONDS))
                    .as("the time the listing reports, to the second")
                    .isEqualTo(stated.get().truncatedTo(ChronoUnit.SECONDS)));
  }

  /**
   * Where the store declares {@link Capability#NESTED_KEYS}, {@code k} and {@code k/sub} exist
   * together, whichever is written first; where it does not, the second write fails with {@link
   * InvalidKeyException} and the first object stays.
   */
  @Test
  @Promise(
      value =
          "With NESTED_KEYS, k and k/sub exist together in either order; without it, the second write throws InvalidKeyException and the first object stays.",
      hint =
          "A store backed by a directory tree cannot hold both: leave NESTED_KEYS undeclared and refuse the second key typed.")
  void holdsAnObjectAndObjectsUnderItsKeyOrRefusesTheSecondTyped() throws IOException {
    assumeFalse(
        fixture.serverDeviations().contains(ServerDeviation.CANNOT_NEST_KEYS),
        ServerDeviation.CANNOT_NEST_KEYS.reason());
    byte[] upper = {1};
    byte[] lower = {2};
    String objectFirst = key("nest/a");
    String keysFirst = key("nest/b");
    store.put(objectFirst, Content.ofBytes(upper), WriteOptions.DEFAULTS);
    store.put(keysFirst + "/sub", Content.ofBytes(lower), WriteOptions.DEFAULTS);
    if (capabilities().supports(Capability.NESTED_KEYS)) {
      store.put(objectFirst + "/sub", Content.ofBytes(lower), WriteOptions.DEFAULTS);
      store.put(keysFirst, Content.ofBytes(upper), WriteOptions.DEFAULTS);
      for (String key : List.of(objectFirst, keysFirst)) {
        assertSameBytes(read(key, ByteRange.ALL), upper, key);
        assertSameBytes(read(key + "/sub", ByteRange.ALL), lower, key + "/sub");
      }
      assertThat(listAll(ListRequest.of(key("nest/"))))
          .as("keys listed under %s", key("nest/"))
          .containsExactly(objectFirst, objectFirst + "/sub", keysFirst, keysFirst + "/sub");
      return;
    }
    thrownBy(
            () -> store.put(objectFirst + "/sub", Content.ofBytes(lower), WriteOptions.DEFAULTS),
            "a key under an object, without NESTED_KEYS")
        .isInstanceOf(InvalidKeyException.class);
    thrownBy(
            () -> store.put(keysFirst, Content.ofBytes(upper), WriteOptions.DEFAULTS),
            "a key with keys under it, without NESTED_KEYS")
        .isInstanceOf(InvalidKeyException.class);
    assertSameBytes(read(objectFirst, ByteRange.ALL), upper, "the object kept");
    assertSameBytes(read(keysFirst + "/sub", ByteRange.ALL), lower, "the key under");
  }

  @Test
  @Promise(
      value =
          "With SETTABLE_LAST_MODIFIED, the time WriteOptions.lastModified() gives is the one stat and list report, for a put and a multipart upload.",
      hint =
          "Set the time after the object is published, and keep it through completion of an upload.")
  void keepsTheModificationTimeItIsGiven() {
    require(Capability.SETTABLE_LAST_MODIFIED);
    Instant time = Instant.parse("2021-03-04T05:06:07.123Z");
    WriteOptions options = WriteOptions.builder().lastModified(time).build();
    String key = key("dated/put.bin");
    store.put(key, Content.ofBytes(new byte[] {1, 2, 3}), options);
    List<String> keys = new ArrayList<>(List.of(key));
    if (capabilities().supports(Capability.MULTIPART)) {
      String uploaded = key("dated/multipart.bin");
      MultipartUpload upload = store.initiateMultipart(uploaded, options);
      CompletedPart part = store.uploadPart(upload, 1, Content.ofBytes(new byte[] {4, 5}));
      store.completeMultipart(upload, List.of(part));
      keys.add(uploaded);
    }

    for (String written : keys) {
      assertThat(store.stat(written).orElseThrow().lastModified())
          .as("the time stat reports for " + written)
          .contains(time);
    }
    ListPage listed = store.list(ListRequest.of(key("dated/")));
    assertThat(listed.objects())
        .as("the times the listing reports")
        .extracting(info -> info.lastModified().orElse(null))
        .containsOnly(time);
  }

  // ---------------------------------------------------------------- multipart

  /**
   * Parts 3, 1 and 2, sent one after another (so that a store joining parts in the order they
   * arrived is caught every time, whatever the scheduler does) and in parallel.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"one after another", "in parallel"})
  @Conformance("multipart")
  @Promise(
      value =
          "With MULTIPART, completion joins the parts in part-number order, whatever order and threads they arrived in.",
      hint = "Order the parts by their numbers at completion, never by their arrival.")
  void joinsPartsUploadedOutOfOrder(String how) throws Exception {
    require(Capability.MULTIPART);
    int partSize = (int) Math.max(capabilities().minPartSize(), 256 * 1024);
    byte[] content = randomBytes(2 * partSize + 1_234, 11);
    String key = key("multipart.bin");
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);

    List<Callable<CompletedPart>> sends = new ArrayList<>();
    for (int number : new int[] {3, 1, 2}) {
      int from = (number - 1) * partSize;
      int to = Math.min(content.length, number * partSize);
      sends.add(() -> store.uploadPart(upload, number, Content.ofBytes(content, from, to - from)));
    }
    List<CompletedPart> parts = new ArrayList<>();
    if (how.equals("one after another")) {
      for (Callable<CompletedPart> send : sends) {
        parts.add(send.call());
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        for (Future<CompletedPart> future : pool.invokeAll(sends)) {
          parts.add(future.get(2, TimeUnit.MINUTES));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(store.stat(key)).as("the object before completion").isEmpty();
    parts.sort((x, y) -> Integer.compare(x.partNumber(), y.partNumber()));

    ObjectInfo info = store.completeMultipart(upload, parts);

    assertAnswersOnlyWhatItHolds(info, content);
    assertSameBytes(read(key, ByteRange.ALL), content, "the bytes read from " + key);
    ObjectInfo stat = store.stat(key).orElseThrow();
    for (ChecksumAlgorithm algorithm : stat.checksums().keySet()) {
      Optional<String> expected = Checksums.of(algorithm, content);
      expected.ifPresent(
          value ->
              assertThat(stat.checksums())
                  .as("whole-object " + algorithm)
                  .containsEntry(algorithm, value));
    }
    if (capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)) {
      assertThat(store.listMultipartUploads(base)).as("uploads after completion").isEmpty();
    }
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value =
          "With VERIFIES_EXPECTED_PART_CHECKSUMS, uploadPart refuses bytes that differ from an"
              + " expected checksum with IntegrityException and keeps the part of that number it"
              + " held before.",
      hint =
          "Hand the expected checksum to the backend with the part (x-amz-checksum-crc32c,"
              + " Content-MD5, a check before the part file is kept), not after it is kept.")
  void refusesAPartWhoseBytesDifferFromTheExpectedChecksumAndKeepsTheEarlierOne()
      throws IOException {
    require(Capability.MULTIPART);
    require(Capability.VERIFIES_EXPECTED_PART_CHECKSUMS);
    ChecksumAlgorithm algorithm = expectedAlgorithm();
    String key = key("expected-part.bin");
    byte[] good = randomBytes(1_000, 33);
    byte[] other = randomBytes(1_000, 34);
    Map<ChecksumAlgorithm, String> expectingGood =
        Map.of(algorithm, Checksums.of(algorithm, good).orElseThrow());
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    try {
      CompletedPart kept = store.uploadPart(upload, 1, Content.ofBytes(good), expectingGood);
      thrownBy(
              () -> store.uploadPart(upload, 1, Content.ofBytes(other), expectingGood),
              "part 1 of %s again, with bytes whose %s is not the expected one",
              key,
              algorithm)
          .isInstanceOf(IntegrityException.class);
      store.completeMultipart(upload, List.of(kept));
    } catch (RuntimeException | AssertionError e) {
      store.abortMultipart(upload);
      throw e;
    }
    assertSameBytes(read(key, ByteRange.ALL), good, "the object joined from the part kept");
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value =
          "With REPORTS_PART_CHECKSUMS, every uploadPart answers with the store's own checksum of"
              + " the part's bytes in each declared algorithm, also for a part sent with no"
              + " expected checksum.",
      hint =
          "Take the checksum from the backend's answer to the part (x-oss-hash-crc64ecma, the sum"
              + " of the file written), never from the request; if the backend does not always"
              + " answer with it, do not declare the capability.")
  void answersEveryPartWithItsOwnChecksumWhenItSaysItDoes() {
    require(Capability.MULTIPART);
    require(Capability.REPORTS_PART_CHECKSUMS);
    String key = key("answered-part.bin");
    byte[] bytes = randomBytes(1_000, 35);
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    try {
      CompletedPart answer = store.uploadPart(upload, 1, Content.ofBytes(bytes));
      for (ChecksumAlgorithm algorithm : capabilities().checksumAlgorithms()) {
        Optional<String> expected = Checksums.of(algorithm, bytes);
        if (expected.isPresent()) {
          assertThat(answer.checksums())
              .as("the %s of part 1 of %s, in the store's answer", algorithm, key)
              .containsEntry(algorithm, expected.get());
        }
      }
    } finally {
      store.abortMultipart(upload);
    }
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value =
          "With MULTIPART, abortMultipart removes the upload and its parts, may be called twice, and leaves no object.",
      hint =
          "Delete every part and the upload's record on abort, and treat an upload already gone as aborted.")
  void abortLeavesNothingBehind() {
    require(Capability.MULTIPART);
    String key = key("aborted.bin");
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    store.uploadPart(upload, 1, Content.ofBytes(randomBytes(1_000, 5)));
    if (capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)) {
      assertThat(store.listMultipartUploads(base))
          .as("uploads listed under %s before the abort", base)
          .extracting(MultipartUpload::uploadId)
          .contains(upload.uploadId());
    }

    store.abortMultipart(upload);
    store.abortMultipart(upload);

    assertThat(store.stat(key)).as("stat of %s after the abort", key).isEmpty();
    assertThat(listAll(ListRequest.of(base)))
        .as("objects under %s after the abort", base)
        .isEmpty();
    if (capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)) {
      assertThat(store.listMultipartUploads(base))
          .as("uploads listed under %s after the abort", base)
          .isEmpty();
    }
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value = "With MULTIPART, uploadPart for an aborted upload throws ObjectNotFoundException.",
      hint =
          "Look the upload up before accepting a part, and map the backend's NoSuchUpload to ObjectNotFoundException.")
  void refusesPartsForAnAbortedUpload() {
    require(Capability.MULTIPART);
    assumeFalse(
        fixture.serverDeviations().contains(ServerDeviation.ACCEPTS_PARTS_AFTER_ABORT),
        ServerDeviation.ACCEPTS_PARTS_AFTER_ABORT.reason());
    MultipartUpload upload =
        store.initiateMultipart(key("aborted-then-used.bin"), WriteOptions.DEFAULTS);
    store.abortMultipart(upload);
    thrownBy(
            () -> store.uploadPart(upload, 1, Content.ofBytes(new byte[1])),
            "uploadPart for the aborted upload of %s",
            upload.key())
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value =
          "With MULTIPART, completeMultipart with a part tag that was not uploaded throws PreconditionFailedException and publishes nothing.",
      hint =
          "Compare each part's tag with the one stored before joining, and map the backend's InvalidPart.")
  void refusesToCompleteWithATagThatWasNotUploaded() {
    require(Capability.MULTIPART);
    String key = key("wrong-tag.bin");
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    CompletedPart part = store.uploadPart(upload, 1, Content.ofBytes(randomBytes(100, 1)));
    CompletedPart forged =
        new CompletedPart(1, part.etag().equals("00000000") ? "11111111" : "00000000", part.size());

    thrownBy(
            () -> store.completeMultipart(upload, List.of(forged)),
            "completeMultipart of %s with a tag that was not uploaded",
            key)
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(store.stat(key)).as("stat of %s after the refused completion", key).isEmpty();
    store.abortMultipart(upload);
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value =
          "With MULTIPART, a second store instance lists an upload's parts (number, tag, size) and completes it from the handle alone.",
      hint =
          "Keep what completion needs in the MultipartUpload handle (state(), createOnly()), never in the store instance's memory.")
  void anotherInstanceListsThePartsAndCompletesTheUpload() throws IOException {
    require(Capability.MULTIPART);
    int partSize = (int) Math.max(capabilities().minPartSize(), 256 * 1024);
    byte[] content = randomBytes(partSize + 777, 13);
    String key = key("continued.bin");
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    CompletedPart second =
        store.uploadPart(upload, 2, Content.ofBytes(content, partSize, content.length - partSize));
    CompletedPart first = store.uploadPart(upload, 1, Content.ofBytes(content, 0, partSize));

    try (ObjectStore other = fixture.openStore()) {
      List<CompletedPart> listed = allParts(other, upload);

      assertThat(listed)
          .extracting(CompletedPart::partNumber)
          .as("part numbers")
          .containsExactly(1, 2);
      for (CompletedPart sent : List.of(first, second)) {
        CompletedPart found = listed.get(sent.partNumber() - 1);
        assertThat(found.etag()).as("tag of part " + sent.partNumber()).isEqualTo(sent.etag());
        long expectedSize = sent.partNumber() == 1 ? partSize : content.length - partSize;
        assertThat(found.size()).as("size of part " + sent.partNumber()).isEqualTo(expectedSize);
        if (sent.sizeKnown()) {
          assertThat(sent.size())
              .as("size answered for part " + sent.partNumber())
              .isEqualTo(expectedSize);
        }
        found
            .checksums()
            .forEach(
                (algorithm, value) ->
                    assertThat(sent.checksums().getOrDefault(algorithm, value))
                        .as(algorithm + " of part " + sent.partNumber())
                        .isEqualToIgnoringCase(value));
      }
      other.completeMultipart(upload, listed);
    }

    assertSameBytes(read(key, ByteRange.ALL), content, "the bytes read from " + key);
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value =
          "With MULTIPART, listParts of a completed or aborted upload throws ObjectNotFoundException.",
      hint =
          "Remove an upload's record when it completes or aborts, and map the backend's NoSuchUpload.")
  void refusesToListThePartsOfAnEndedUpload() {
    require(Capability.MULTIPART);
    assumeFalse(
        fixture.serverDeviations().contains(ServerDeviation.LISTS_PARTS_OF_ENDED_UPLOADS),
        ServerDeviation.LISTS_PARTS_OF_ENDED_UPLOADS.reason());
    MultipartUpload completed =
        store.initiateMultipart(key("completed.bin"), WriteOptions.DEFAULTS);
    CompletedPart part = store.uploadPart(completed, 1, Content.ofBytes(randomBytes(100, 2)));
    store.completeMultipart(completed, List.of(part));
    MultipartUpload aborted = store.initiateMultipart(key("aborted.bin"), WriteOptions.DEFAULTS);
    store.abortMultipart(aborted);

    thrownBy(() -> store.listParts(completed, ""), "listing the parts of a completed upload")
        .isInstanceOf(ObjectNotFoundException.class);
    thrownBy(() -> store.listParts(aborted, ""), "listing the parts of an aborted upload")
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  @Conformance("multipart")
  @Promise(
      value =
          "With MULTIPART and CONDITIONAL_CREATE, completing a create-only upload over an existing key, from any instance, throws PreconditionFailedException and keeps the object.",
      hint =
          "Read create-only from the handle at completion (If-None-Match: * on CompleteMultipartUpload), not from memory of the instance that began it.")
  void anotherInstanceKeepsCreateOnlyAtCompletion() throws IOException {
    require(Capability.MULTIPART);
    require(Capability.CONDITIONAL_CREATE);
    String key = key("create-only-upload.bin");
    WriteOptions createOnly = WriteOptions.builder().createOnly(true).build();
    MultipartUpload upload = store.initiateMultipart(key, createOnly);
    assertThat(upload.createOnly()).as("the handle's create-only").isTrue();
    byte[] original = {7, 7, 7};
    store.put(key, Content.ofBytes(original), WriteOptions.DEFAULTS);
    MultipartUpload fromJournal =
        MultipartUpload.builder(upload.key(), upload.uploadId())
            .initiated(upload.initiated())
            .createOnly(true)
            .build();

    try (ObjectStore other = fixture.openStore()) {
      CompletedPart part = other.uploadPart(fromJournal, 1, Content.ofBytes(randomBytes(1_000, 3)));
      thrownBy(
              () -> other.completeMultipart(fromJournal, List.of(part)),
              "completing a create-only upload over an existing key from another instance")
          .isInstanceOf(PreconditionFailedException.class);
      other.abortMultipart(fromJournal);
    }
    assertSameBytes(read(key, ByteRange.ALL), original, "the object the upload must not replace");
  }

  @Test
  @Conformance(value = "multipart", refusal = true)
  @Promise(
      value =
          "With MULTIPART but without VERIFIES_EXPECTED_PART_CHECKSUMS, uploadPart with expected"
              + " checksums throws UnsupportedCapabilityException.",
      hint =
          "Leave the four-argument uploadPart to the interface's default, which refuses it"
              + " typed, rather than dropping the checksums.")
  void partChecksumsFailTypedWhenNotDeclared() {
    require(Capability.MULTIPART);
    assumeFalse(
        capabilities().supports(Capability.VERIFIES_EXPECTED_PART_CHECKSUMS),
        "the store declares VERIFIES_EXPECTED_PART_CHECKSUMS");
    MultipartUpload upload =
        store.initiateMultipart(key("unchecked-part.bin"), WriteOptions.DEFAULTS);
    try {
      thrownBy(
              () ->
                  store.uploadPart(
                      upload,
                      1,
                      Content.ofBytes(new byte[1]),
                      Map.of(ChecksumAlgorithm.CRC32C, "00000000")),
              "uploadPart with an expected checksum, without VERIFIES_EXPECTED_PART_CHECKSUMS")
          .isInstanceOf(UnsupportedCapabilityException.class);
    } finally {
      store.abortMultipart(upload);
    }
  }

  @Test
  @Conformance(value = "multipart", refusal = true)
  @Promise(
      value = "Without MULTIPART, initiateMultipart throws UnsupportedCapabilityException.",
      hint = "Leave the multipart methods to the interface's defaults, which refuse them typed.")
  void multipartFailsTypedWhenNotDeclared() {
    assumeFalse(capabilities().supports(Capability.MULTIPART), "the store declares MULTIPART");
    thrownBy(
            () -> store.initiateMultipart(key("mp"), WriteOptions.DEFAULTS),
            "initiateMultipart without MULTIPART")
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  @Conformance(value = "multipart", refusal = true)
  @Promise(
      value =
          "Without LIST_MULTIPART_UPLOADS, listMultipartUploads throws UnsupportedCapabilityException.",
      hint = "Leave listMultipartUploads to the interface's default, which refuses it typed.")
  void listingUploadsFailsTypedWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.LIST_MULTIPART_UPLOADS),
        "the store declares LIST_MULTIPART_UPLOADS");
    thrownBy(
            () -> store.listMultipartUploads(base),
            "listMultipartUploads without LIST_MULTIPART_UPLOADS")
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  // ---------------------------------------------------------------- keys

  @Test
  @Promise(
      value =
          "Any valid key (spaces, +, %, ?, #, combining marks, emoji, the longest allowed) round-trips unchanged through put, list, stat and get.",
      hint =
          "Encode keys for the backend once and decode them once; a + or % handled twice changes the key.")
  void roundTripsAwkwardKeysByteForByte() throws IOException {
    StringBuilder ascii = new StringBuilder("ascii-");
    for (char c = 0x20; c < 0x7f; c++) {
      if (c != '/' && c != '\\') {
        ascii.append(c);
      }
    }
    List<String> names =
        List.of(
            "with space",
            "plus+sign",
            "a+b",
            "a b",
            "percent%41",
            "percent%2B",
            "percent%20",
            "question?mark",
            "hash#tag",
            "amp&and=eq",
            "tilde~",
            "quotes'\"`",
            "caf\u00e9",
            "cafe\u0301",
            "\uD83D\uDE00-emoji",
            "\u65e5\u672c\u8a9e",
            "dir/sub/deep/file",
            "trailing.dot.",
            "trailing space ",
            "colon:semi;comma,",
            "brackets[]{}()<>",
            "star*pipe|caret^dollar$at@",
            "-leading-dash",
            "Case",
            "case",
            ascii.toString(),
            maxLengthName());
    for (String name : names) {
      String key = key(name);
      byte[] content = name.getBytes(StandardCharsets.UTF_8);
      store.put(key, Content.ofBytes(content), WriteOptions.DEFAULTS);
    }
    List<String> expected = new ArrayList<>();
    names.forEach(name -> expected.add(key(name)));
    expected.sort(listingOrder());

    assertThat(listAll(ListRequest.of(base)))
        .as("awkward keys listed under %s", base)
        .containsExactlyElementsOf(expected);
    for (String name : names) {
      assertSameBytes(
          read(key(name), ByteRange.ALL),
          name.getBytes(StandardCharsets.UTF_8),
          "content of " + name);
      assertThat(store.stat(key(name)).orElseThrow().key())
          .as("the key stat reports for %s", key(name))
          .isEqualTo(key(name));
    }
  }

  private String maxLengthName() {
    int budget = capabilities().maxKeyBytes() - Keys.utf8Length(base) - 4;
    StringBuilder name = new StringBuilder();
    while (budget > 0) {
      int segment = Math.min(budget, 200);
      if (name.length() > 0) {
        name.append('/');
        budget--;
        segment = Math.min(budget, 200);
      }
      name.append("m".repeat(Math.max(segment, 0)));
      budget -= segment;
    }
    return name.append("\uD83D\uDE00").toString();
  }

  @Test
  @Promise(
      value = "A key one UTF-8 byte over maxKeyBytes throws InvalidKeyException naming its length.",
      hint = "Validate every key with Keys.requireValid(key, maxKeyBytes, context) before any I/O.")
  void refusesAKeyOneByteOverTheMaximum() {
    String name = maxLengthName();
    String tooLong = key(name.substring(0, name.length() - 2) + "\uD83D\uDE00x");
    assertThat(Keys.utf8Length(tooLong))
        .as("the UTF-8 length of the over-long key")
        .isEqualTo(capabilities().maxKeyBytes() + 1);
    thrownBy(
            () -> store.put(tooLong, Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS),
            "put of a key of %s bytes",
            capabilities().maxKeyBytes() + 1)
        .isInstanceOf(InvalidKeyException.class)
        .hasMessageContaining(String.valueOf(capabilities().maxKeyBytes() + 1));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "/absolute",
        "a//b",
        "a/../b",
        "..",
        ".",
        "a/./b",
        "trailing/",
        "nul\u0000",
        "control\u0001",
        "delete\u007f",
        "back\\slash",
        "lone\uD800surrogate",
        "../../etc/passwd"
      })
  @Promise(
      value =
          "An invalid key (empty, absolute, with an empty, . or .. segment, a control character, a backslash or a lone surrogate) throws InvalidKeyException from every operation before any I/O.",
      hint =
          "Call Keys.requireValid first in every method that takes a key, before opening the content.")
  void refusesInvalidKeysBeforeAnyIo(String invalid) {
    String given =
        invalid.isEmpty() || invalid.startsWith("/") || invalid.startsWith(".")
            ? invalid
            : key(invalid);
    // one leading slash is valid in a store with LEADING_SLASH_KEYS; two are not
    String key =
        given.startsWith("/") && capabilities().supports(Capability.LEADING_SLASH_KEYS)
            ? "/" + given
            : given;
    Content untouchable =
        new Content() {
          @Override
          public long length() {
            return 1;
          }

          @Override
          public InputStream open() {
            throw new AssertionError("the content was opened for an invalid key");
          }
        };
    thrownBy(
            () -> store.put(key, untouchable, WriteOptions.DEFAULTS),
            "put of the invalid key '%s'",
            Keys.printable(key))
        .isInstanceOf(InvalidKeyException.class);
    thrownBy(() -> store.stat(key), "stat of the invalid key '%s'", Keys.printable(key))
        .isInstanceOf(InvalidKeyException.class);
    thrownBy(
            () -> store.get(key, ByteRange.ALL), "get of the invalid key '%s'", Keys.printable(key))
        .isInstanceOf(InvalidKeyException.class);
    thrownBy(() -> store.delete(key), "delete of the invalid key '%s'", Keys.printable(key))
        .isInstanceOf(InvalidKeyException.class);
    thrownBy(
            () -> store.deleteAll(List.of(key)),
            "deleteAll of the invalid key '%s'",
            Keys.printable(key))
        .isInstanceOf(InvalidKeyException.class);
    if (capabilities().supports(Capability.MULTIPART)) {
      thrownBy(
              () -> store.initiateMultipart(key, WriteOptions.DEFAULTS),
              "initiateMultipart of the invalid key '%s'",
              Keys.printable(key))
          .isInstanceOf(InvalidKeyException.class);
    }
  }

  @Test
  @Promise(
      value =
          "With LEADING_SLASH_KEYS, a key may start with one '/', and /k and k are two objects,"
              + " each listed under its own prefix.",
      hint =
          "Send the key as it is (S3 keeps a leading '/'); do not trim it, and do not let the"
              + " client's URL building fold the doubled slash it makes.")
  void holdsKeysThatStartWithASlashApartFromThoseWithout() throws IOException {
    require(Capability.LEADING_SLASH_KEYS);
    assumeFalse(
        fixture.serverDeviations().contains(ServerDeviation.CANNOT_HOLD_LEADING_SLASH_KEYS),
        ServerDeviation.CANNOT_HOLD_LEADING_SLASH_KEYS.reason());
    String plain = key("slash/a");
    String slashed = "/" + plain;
    store.put(plain, Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    store.put(slashed, Content.ofBytes(new byte[] {2, 2}), WriteOptions.DEFAULTS);
    try {
      assertSameBytes(read(slashed, ByteRange.ALL), new byte[] {2, 2}, "the bytes of " + slashed);
      assertSameBytes(read(plain, ByteRange.ALL), new byte[] {1}, "the bytes of " + plain);
      assertThat(store.stat(slashed).map(ObjectInfo::size))
          .as("the size stat reports for %s", slashed)
          .contains(2L);
      assertThat(listAll(ListRequest.of("/" + base)))
          .as("keys listed under /%s", base)
          .containsExactly(slashed);
      assertThat(listAll(ListRequest.of(base)))
          .as("keys listed under %s", base)
          .containsExactly(plain);
    } finally {
      store.delete(slashed);
    }
    assertThat(store.stat(slashed)).as("stat of %s after its delete", slashed).isEmpty();
  }

  // ---------------------------------------------------------------- threads, lifecycle, secrets

  @Test
  @Promise(
      value = "Concurrent writes to different keys from many threads each store their own bytes.",
      hint =
          "Share no per-write buffers or temporary names between threads; make temporary names unique.")
  void keepsConcurrentWritesToDifferentKeysApart() throws Exception {
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<String, byte[]> written = Collections.synchronizedMap(new java.util.HashMap<>());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    String key = key(String.format("concurrent/t%d/o%02d", thread, i));
                    byte[] content =
                        randomBytes(1 + (thread * 7919 + i * 104_729) % 65_536, thread * 1000 + i);
                    store.put(key, Content.ofBytes(content), WriteOptions.DEFAULTS);
                    written.put(key, content);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(written).as("objects written by %s threads", threads).hasSize(threads * perThread);
    for (Map.Entry<String, byte[]> entry : written.entrySet()) {
      assertSameBytes(read(entry.getKey(), ByteRange.ALL), entry.getValue(), entry.getKey());
    }
  }

  @Test
  @Promise(
      value =
          "close may be called more than once, and every operation after it throws IllegalStateException.",
      hint = "Keep a closed flag, set it in close(), and check it first in every operation.")
  void closeIsIdempotentAndFinal() {
    ObjectStore second = fixture.openStore();
    second.close();
    second.close();
    thrownBy(
            () -> second.stat(key("after-close")),
            "stat of %s on a store closed twice",
            key("after-close"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @Promise(
      value =
          "No secret appears in toString(), the location, the capabilities or an exception's message.",
      hint =
          "Mask secret options in toString() and leave credentials out of messages and of the location's text.")
  void showsNoSecretInTextOrMessages() {
    List<String> texts = new ArrayList<>();
    texts.add(store.toString());
    texts.add(store.location().toString());
    texts.add(store.capabilities().toString());
    try {
      store.get(key("missing"), ByteRange.ALL).close();
    } catch (StorageException | IOException e) {
      texts.add(e.getMessage());
      texts.add(String.valueOf(e.getCause()));
    }
    String canary = "CANARY" + UUID.randomUUID();
    texts.add(
        StorageLocation.parse(
                "s3://bucket/p?secret-access-key=" + canary + "&session-token=" + canary)
            .toString());
    Set<String> secrets = new TreeSet<>(fixture.secrets());
    fixture.opening().ifPresent(opening -> secrets.addAll(opening.secretValues()));
    secrets.add(canary);
    for (String text : texts) {
      for (String secret : secrets) {
        assertShowsNo(secret, text, "a text of the store or of its failures");
      }
    }
  }

  @Test
  @Promise(
      value =
          "A value given in an option declared secret never appears in a text or message of the store, even when the credential is wrong.",
      hint =
          "Do not echo option values or the backend's answer about a credential into messages; show a masked form at most.")
  void showsNoCanaryGivenInASecretOption() {
    Optional<ProviderOpening> opening = fixture.opening();
    assumeTrue(
        opening.isPresent(),
        "the fixture does not say how it opens its store (StoreFixture.opening())");
    Set<String> secretOptions = new TreeSet<>(opening.get().provider().secretKeys());
    assumeFalse(secretOptions.isEmpty(), "the provider declares no secret option");
    for (String option : secretOptions) {
      String canary = "CANARY" + UUID.randomUUID().toString().replace("-", "");
      for (String text :
          SecretCanaries.textsOpenedWith(opening.get(), option, canary, key("missing"))) {
        assertShowsNo(
            canary, text, "a text or message of the store opened with a canary in " + option);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Fails if the text holds the secret, saying so without the secret: the failure is reported. */
  private static void assertShowsNo(String secret, String text, String where) {
    if (text.contains(secret)) {
      throw new AssertionError(
          "["
              + where
              + "] it shows a secret ("
              + secret.length()
              + " characters, masked here): "
              + text.replace(secret, "<secret>"));
    }
  }

  private byte[] read(String key, ByteRange range) throws IOException {
    try (InputStream in = store.get(key, range)) {
      return in.readAllBytes();
    }
  }

  private List<String> listAll(ListRequest first) {
    List<String> keys = new ArrayList<>();
    ListRequest request = first;
    TokenGuard tokens = new TokenGuard("listing under '" + first.prefix() + "'");
    for (int pages = 0; ; pages++) {
      if (pages > 100_000) {
        fail("the listing did not end after 100,000 pages");
      }
      ListPage page = store.list(request);
      page.objects().forEach(o -> keys.add(o.key()));
      if (page.nextToken().isEmpty()) {
        return keys;
      }
      request = request.next(tokens.fresh(page.nextToken().get()));
    }
  }

  private void putAll(List<String> keys) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      AtomicInteger index = new AtomicInteger();
      for (String key : keys) {
        tasks.add(
            () -> {
              store.put(
                  key,
                  Content.ofBytes(new byte[] {(byte) index.incrementAndGet()}),
                  WriteOptions.DEFAULTS);
              return null;
            });
      }
      for (Future<Void> future : pool.invokeAll(tasks)) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }

  /** Content whose streams yield {@code actual} bytes while claiming {@code declared}. */
  private static Content lyingContent(int declared, int actual) {
    return new Content() {
      @Override
      public long length() {
        return declared;
      }

      @Override
      public InputStream open() {
        return new java.io.ByteArrayInputStream(new byte[actual]);
      }
    };
  }

  private java.util.Comparator<String> listingOrder() {
    return fixture.serverDeviations().contains(ServerDeviation.LISTS_IN_UTF16_ORDER)
        ? String::compareTo
        : AbstractObjectStoreContractTest::compareUtf8Bytes;
  }

  /** Compares keys by their UTF-8 bytes, independently of {@link Keys#UTF8_ORDER}. */
  private static int compareUtf8Bytes(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
