package dev.stowage.tck;

import static dev.stowage.tck.ByteDifference.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
@ExtendWith(ContractReport.class)
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
  void roundTripsContentByteForByte(int size) throws IOException {
    byte[] content = randomBytes(size, size);
    String key = key("object-" + size);

    ObjectInfo written = store.put(key, Content.ofBytes(content), WriteOptions.DEFAULTS);

    assertThat(written.key()).isEqualTo(key);
    assertAnswersOnlyWhatItHolds(written, content);
    assertSameBytes(read(key, ByteRange.ALL), content, "the bytes read from " + key);
    ObjectInfo stat = store.stat(key).orElseThrow();
    assertThat(stat.size()).isEqualTo(size);
    assertThat(stat.key()).isEqualTo(key);
    if (written.etag().isPresent() && stat.etag().isPresent()) {
      assertThat(stat.etag()).isEqualTo(written.etag());
    }
  }

  @Test
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
  void keepsUserMetadata() {
    require(Capability.USER_METADATA);
    String key = key("with-metadata");
    Map<String, String> metadata =
        Map.of("origin", "tck", "created-by", "stowage", "note", "grüße, 1+1=2");
    store.put(
        key,
        Content.ofBytes(new byte[] {1, 2, 3}),
        WriteOptions.builder().userMetadata(metadata).contentType("application/x-tck").build());

    assertThat(store.stat(key).orElseThrow().userMetadata()).isEqualTo(metadata);
  }

  @Test
  @Conformance(value = "metadata", refusal = true)
  void refusesUserMetadataWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.USER_METADATA), "the store declares USER_METADATA");
    WriteOptions options = WriteOptions.builder().userMetadata("origin", "tck").build();
    assertThatThrownBy(() -> store.put(key("metadata"), Content.ofBytes(new byte[1]), options))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  void statOfMissingKeyIsEmpty() {
    assertThat(store.stat(key("missing"))).isEmpty();
  }

  @Test
  void readOfMissingKeyFailsNamingTheKey() {
    String key = key("missing-for-read");
    assertThatThrownBy(() -> store.get(key, ByteRange.ALL).close())
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(key)
        .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
  }

  @Test
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
    assertThat(stat.size()).isEqualTo(second.length);
    if (metadata) {
      assertThat(stat.userMetadata()).isEqualTo(Map.of("version", "2"));
    }
  }

  @Test
  void refusesContentShorterOrLongerThanDeclaredAndWritesNothing() {
    String key = key("short-source");
    Content shortSource = lyingContent(100, 60);
    assertThatThrownBy(() -> store.put(key, shortSource, WriteOptions.DEFAULTS))
        .isInstanceOf(IntegrityException.class);
    assertThat(store.stat(key)).as("an object from a short source").isEmpty();

    Content longSource = lyingContent(100, 150);
    assertThatThrownBy(() -> store.put(key, longSource, WriteOptions.DEFAULTS))
        .isInstanceOf(IntegrityException.class);
    assertThat(store.stat(key)).as("an object from a long source").isEmpty();
  }

  @Test
  @Conformance("atomic-write")
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
      assertThat(writer.get(2, TimeUnit.MINUTES)).isEqualTo(40);
      assertThat(reader.get(2, TimeUnit.MINUTES)).isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- conditional create

  @Test
  @Conformance("conditional")
  void createOnlyRefusesAnExistingKeyAndKeepsIt() throws IOException {
    require(Capability.CONDITIONAL_CREATE);
    String key = key("create-only");
    WriteOptions createOnly = WriteOptions.builder().createOnly(true).build();
    byte[] original = "original".getBytes(StandardCharsets.UTF_8);
    store.put(key, Content.ofBytes(original), createOnly);

    assertThatThrownBy(() -> store.put(key, Content.ofBytes(new byte[] {9}), createOnly))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(key);
    assertSameBytes(read(key, ByteRange.ALL), original, "the bytes read from " + key);
  }

  @Test
  @Conformance("conditional")
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
          .startsWith("writer ");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Conformance(value = "conditional", refusal = true)
  void createOnlyFailsTypedWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.CONDITIONAL_CREATE),
        "the store declares CONDITIONAL_CREATE");
    assertThatThrownBy(
            () ->
                store.put(
                    key("x"),
                    Content.ofBytes(new byte[1]),
                    WriteOptions.builder().createOnly(true).build()))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  // ---------------------------------------------------------------- server-side copy

  @Test
  @Conformance("copy")
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

    assertThat(answer.key()).isEqualTo(target);
    assertSameBytes(read(target, ByteRange.ALL), content, "the bytes read from " + target);
    assertSameBytes(read(source, ByteRange.ALL), content, "the bytes read from " + source);
    assertAnswersOnlyWhatItHolds(answer, content);
    ObjectInfo copied = store.stat(target).orElseThrow();
    assertThat(copied.size()).isEqualTo(content.length);
    assertAnswersOnlyWhatItHolds(copied, content);
    if (capabilities().supports(Capability.USER_METADATA)) {
      assertThat(copied.userMetadata()).containsEntry("origin", "copy");
    }
  }

  @Test
  @Conformance("copy")
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
    assertThatThrownBy(() -> store.copy(missing, key("copy-nowhere"), WriteOptions.DEFAULTS))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(store.stat(key("copy-nowhere"))).isEmpty();
  }

  @Test
  @Conformance("copy")
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
      assertThat(part.partNumber()).isEqualTo(number);
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
      assertThatThrownBy(() -> store.copyPart(upload, 1, described, new ByteRange(0, 1_000)))
          .as("a part copy of a source replaced since it was described")
          .isInstanceOf(PreconditionFailedException.class);
      ObjectInfo missing = ObjectInfo.builder(key("part-copy-missing")).build();
      assertThatThrownBy(() -> store.copyPart(upload, 1, missing, new ByteRange(0, 1)))
          .isInstanceOf(ObjectNotFoundException.class);
      assertThat(allParts(store, upload)).as("parts after the refusals").isEmpty();
    } finally {
      store.abortMultipart(upload);
    }
  }

  @Test
  @Conformance(value = "copy", refusal = true)
  void partCopyFailsTypedWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.MULTIPART_COPY), "the store declares MULTIPART_COPY");
    MultipartUpload upload = MultipartUpload.builder(key("pc"), "no-such-upload").build();
    ObjectInfo source = ObjectInfo.builder(key("a")).build();
    assertThatThrownBy(() -> store.copyPart(upload, 1, source, new ByteRange(0, 1)))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  @Conformance(value = "copy", refusal = true)
  void copyFailsTypedWhenNotDeclared() {
    assumeFalse(capabilities().supports(Capability.COPY), "the store declares COPY");
    assertThatThrownBy(() -> store.copy(key("a"), key("b"), WriteOptions.DEFAULTS))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  // ---------------------------------------------------------------- listing

  @Test
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
    assertThat(listAll(ListRequest.of(key("order/")))).containsExactlyElementsOf(keys);
  }

  @Test
  void listsObjectsWithSizes() {
    store.put(key("sized/one"), Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS);
    store.put(key("sized/three"), Content.ofBytes(new byte[3]), WriteOptions.DEFAULTS);
    ListPage page = store.list(ListRequest.of(key("sized/")));
    assertThat(page.objects())
        .extracting(ObjectInfo::key, ObjectInfo::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(key("sized/one"), 1L),
            org.assertj.core.groups.Tuple.tuple(key("sized/three"), 3L));
    assertThat(page.nextToken()).isEmpty();
  }

  @Test
  void rollsUpCommonPrefixesAtTheDelimiterAcrossPages() {
    putAll(
        List.of(key("p/a"), key("p/b/1"), key("p/b/2"), key("p/c/d/e"), key("p/d"), key("p/e/f")));
    ListRequest all = ListRequest.builder().prefix(key("p/")).delimiter("/").build();
    ListPage page = store.list(all);
    assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly(key("p/a"), key("p/d"));
    assertThat(page.commonPrefixes()).containsExactly(key("p/b/"), key("p/c/"), key("p/e/"));

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
        .containsExactly(key("p/a"), key("p/b/"), key("p/c/"), key("p/d"), key("p/e/"));
  }

  @Test
  void startsListingAfterAKey() {
    putAll(List.of(key("s/1"), key("s/2"), key("s/3"), key("s/4")));
    ListPage page =
        store.list(ListRequest.builder().prefix(key("s/")).startAfter(key("s/2")).build());
    assertThat(page.objects()).extracting(ObjectInfo::key).containsExactly(key("s/3"), key("s/4"));
  }

  @Test
  void listsNothingUnderAnUnusedPrefix() {
    ListPage page = store.list(ListRequest.of(key("nothing-here/")));
    assertThat(page.objects()).isEmpty();
    assertThat(page.commonPrefixes()).isEmpty();
    assertThat(page.nextToken()).isEmpty();
  }

  // ---------------------------------------------------------------- delete

  @Test
  void deletesABatchOfPresentAndMissingKeysAtTheDeclaredMaximum() {
    int max = capabilities().maxDeleteBatch();
    int present = Math.min(max / 2, 500);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      keys.add(key(String.format("batch/%05d", i)));
    }
    putAll(keys.subList(0, present));

    DeleteResult result = store.deleteAll(keys);

    assertThat(result.failed()).isEmpty();
    assertThat(new TreeSet<>(result.deleted())).isEqualTo(new TreeSet<>(keys));
    assertThat(listAll(ListRequest.of(key("batch/")))).isEmpty();
  }

  @Test
  void refusesABatchOverTheDeclaredMaximum() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i <= capabilities().maxDeleteBatch(); i++) {
      keys.add(key("over/" + i));
    }
    assertThatThrownBy(() -> store.deleteAll(keys)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteIsIdempotent() {
    String key = key("deleted-twice");
    store.put(key, Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    store.delete(key);
    store.delete(key);
    store.delete(key("never-existed"));
    assertThat(store.stat(key)).isEmpty();
  }

  @Test
  void refusesAWriteWhoseBytesDifferFromTheExpectedChecksumAndKeepsTheOldObject()
      throws IOException {
    require(Capability.VERIFIES_EXPECTED_CHECKSUMS);
    ChecksumAlgorithm algorithm =
        capabilities().expectedChecksumAlgorithms().stream()
            .sorted()
            .filter(a -> Checksums.of(a, new byte[0]).isPresent())
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "VERIFIES_EXPECTED_CHECKSUMS is declared with no checksum algorithm the"
                            + " kit can compute: "
                            + capabilities().expectedChecksumAlgorithms()));
    String key = key("expected.bin");
    byte[] original = randomBytes(1_000, 31);
    byte[] replacement = randomBytes(1_000, 32);
    store.put(key, Content.ofBytes(original), WriteOptions.DEFAULTS);
    WriteOptions expectingOther =
        WriteOptions.builder()
            .expectedChecksum(algorithm, Checksums.of(algorithm, original).orElseThrow())
            .build();

    assertThatThrownBy(() -> store.put(key, Content.ofBytes(replacement), expectingOther))
        .as("bytes whose %s is not the expected one", algorithm)
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
          .containsExactly(objectFirst, objectFirst + "/sub", keysFirst, keysFirst + "/sub");
      return;
    }
    assertThatThrownBy(
            () -> store.put(objectFirst + "/sub", Content.ofBytes(lower), WriteOptions.DEFAULTS))
        .as("a key under an object, without NESTED_KEYS")
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.put(keysFirst, Content.ofBytes(upper), WriteOptions.DEFAULTS))
        .as("a key with keys under it, without NESTED_KEYS")
        .isInstanceOf(InvalidKeyException.class);
    assertSameBytes(read(objectFirst, ByteRange.ALL), upper, "the object kept");
    assertSameBytes(read(keysFirst + "/sub", ByteRange.ALL), lower, "the key under");
  }

  @Test
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
  void abortLeavesNothingBehind() {
    require(Capability.MULTIPART);
    String key = key("aborted.bin");
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    store.uploadPart(upload, 1, Content.ofBytes(randomBytes(1_000, 5)));
    if (capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)) {
      assertThat(store.listMultipartUploads(base))
          .extracting(MultipartUpload::uploadId)
          .contains(upload.uploadId());
    }

    store.abortMultipart(upload);
    store.abortMultipart(upload);

    assertThat(store.stat(key)).isEmpty();
    assertThat(listAll(ListRequest.of(base))).isEmpty();
    if (capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)) {
      assertThat(store.listMultipartUploads(base)).isEmpty();
    }
  }

  @Test
  @Conformance("multipart")
  void refusesPartsForAnAbortedUpload() {
    require(Capability.MULTIPART);
    assumeFalse(
        fixture.serverDeviations().contains(ServerDeviation.ACCEPTS_PARTS_AFTER_ABORT),
        ServerDeviation.ACCEPTS_PARTS_AFTER_ABORT.reason());
    MultipartUpload upload =
        store.initiateMultipart(key("aborted-then-used.bin"), WriteOptions.DEFAULTS);
    store.abortMultipart(upload);
    assertThatThrownBy(() -> store.uploadPart(upload, 1, Content.ofBytes(new byte[1])))
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  @Conformance("multipart")
  void refusesToCompleteWithATagThatWasNotUploaded() {
    require(Capability.MULTIPART);
    String key = key("wrong-tag.bin");
    MultipartUpload upload = store.initiateMultipart(key, WriteOptions.DEFAULTS);
    CompletedPart part = store.uploadPart(upload, 1, Content.ofBytes(randomBytes(100, 1)));
    CompletedPart forged =
        new CompletedPart(1, part.etag().equals("00000000") ? "11111111" : "00000000", part.size());

    assertThatThrownBy(() -> store.completeMultipart(upload, List.of(forged)))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(store.stat(key)).isEmpty();
    store.abortMultipart(upload);
  }

  @Test
  @Conformance("multipart")
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

    assertThatThrownBy(() -> store.listParts(completed, ""))
        .as("listing the parts of a completed upload")
        .isInstanceOf(ObjectNotFoundException.class);
    assertThatThrownBy(() -> store.listParts(aborted, ""))
        .as("listing the parts of an aborted upload")
        .isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  @Conformance("multipart")
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
      assertThatThrownBy(() -> other.completeMultipart(fromJournal, List.of(part)))
          .as("completing a create-only upload over an existing key from another instance")
          .isInstanceOf(PreconditionFailedException.class);
      other.abortMultipart(fromJournal);
    }
    assertSameBytes(read(key, ByteRange.ALL), original, "the object the upload must not replace");
  }

  @Test
  @Conformance(value = "multipart", refusal = true)
  void multipartFailsTypedWhenNotDeclared() {
    assumeFalse(capabilities().supports(Capability.MULTIPART), "the store declares MULTIPART");
    assertThatThrownBy(() -> store.initiateMultipart(key("mp"), WriteOptions.DEFAULTS))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  @Test
  @Conformance(value = "multipart", refusal = true)
  void listingUploadsFailsTypedWhenNotDeclared() {
    assumeFalse(
        capabilities().supports(Capability.LIST_MULTIPART_UPLOADS),
        "the store declares LIST_MULTIPART_UPLOADS");
    assertThatThrownBy(() -> store.listMultipartUploads(base))
        .isInstanceOf(UnsupportedCapabilityException.class);
  }

  // ---------------------------------------------------------------- keys

  @Test
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

    assertThat(listAll(ListRequest.of(base))).containsExactlyElementsOf(expected);
    for (String name : names) {
      assertSameBytes(
          read(key(name), ByteRange.ALL),
          name.getBytes(StandardCharsets.UTF_8),
          "content of " + name);
      assertThat(store.stat(key(name)).orElseThrow().key()).isEqualTo(key(name));
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
  void refusesAKeyOneByteOverTheMaximum() {
    String name = maxLengthName();
    String tooLong = key(name.substring(0, name.length() - 2) + "\uD83D\uDE00x");
    assertThat(Keys.utf8Length(tooLong)).isEqualTo(capabilities().maxKeyBytes() + 1);
    assertThatThrownBy(
            () -> store.put(tooLong, Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
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
  void refusesInvalidKeysBeforeAnyIo(String invalid) {
    String key =
        invalid.isEmpty() || invalid.startsWith("/") || invalid.startsWith(".")
            ? invalid
            : key(invalid);
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
    assertThatThrownBy(() -> store.put(key, untouchable, WriteOptions.DEFAULTS))
        .isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.stat(key)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.get(key, ByteRange.ALL)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.delete(key)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> store.deleteAll(List.of(key))).isInstanceOf(InvalidKeyException.class);
    if (capabilities().supports(Capability.MULTIPART)) {
      assertThatThrownBy(() -> store.initiateMultipart(key, WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidKeyException.class);
    }
  }

  // ---------------------------------------------------------------- threads, lifecycle, secrets

  @Test
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
    assertThat(written).hasSize(threads * perThread);
    for (Map.Entry<String, byte[]> entry : written.entrySet()) {
      assertSameBytes(read(entry.getKey(), ByteRange.ALL), entry.getValue(), entry.getKey());
    }
  }

  @Test
  void closeIsIdempotentAndFinal() {
    ObjectStore second = fixture.openStore();
    second.close();
    second.close();
    assertThatThrownBy(() -> second.stat(key("after-close")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
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
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  @Test
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
        assertThat(text)
            .as("a text or message of the store opened with a canary in " + option)
            .doesNotContain(canary);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

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
