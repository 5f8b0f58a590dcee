package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Page;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multipart upload of a transfer: parts uploaded by the engine's workers within a window, each
 * checksummed as the store reads it; completion joins the parts and combines their checksums; any
 * failure lets the parts in flight settle, aborts the upload, checks that it is gone, and journals
 * it if the abort failed.
 */
final class MultipartSession {
  private static final Logger log = LoggerFactory.getLogger(MultipartSession.class);

  private final Transfer transfer;
  private final ObjectStore target;
  private final String key;
  private final WriteOptions options;
  private final List<Crc> codes;
  private final PartExpectations expectations;
  private final TaskWindow window;
  private final ConcurrentSkipListMap<Integer, Done> done = new ConcurrentSkipListMap<>();
  private MultipartUpload upload;

  private record Done(CompletedPart part, Sums sums) {}

  /** The joined object, the checksums of its bytes, and its part count. */
  record Result(ObjectInfo object, Sums sums, int parts) {}

  MultipartSession(
      Transfer transfer, ObjectStore target, String key, WriteOptions options, List<Crc> codes) {
    this.transfer = transfer;
    this.target = target;
    this.key = key;
    this.options = options;
    this.codes = codes;
    this.expectations = PartExpectations.of(target.capabilities(), codes);
    this.window = new TaskWindow(transfer.engine.concurrency);
  }

  /**
   * The part size of a multipart upload of {@code length} bytes: the engine's, raised to the
   * store's minimum and to what fits in its part count.
   *
   * @throws UnsupportedCapabilityException if that is more than the store's largest part
   */
  static long partSize(Transfer transfer, Capabilities limits, long length) {
    long size = Math.max(transfer.engine.partSize, limits.minPartSize());
    size = Math.max(size, (length + limits.maxParts() - 1) / limits.maxParts());
    if (size > limits.maxPartSize()) {
      throw new UnsupportedCapabilityException(
          transfer.context,
          length
              + " bytes do not fit in "
              + limits.maxParts()
              + " parts of at most "
              + limits.maxPartSize()
              + " bytes.");
    }
    return size;
  }

  void begin() {
    upload =
        transfer.call(
            StorageOperation.INITIATE_MULTIPART, () -> target.initiateMultipart(key, options));
    transfer.engine.opened(upload, target.location().toString());
  }

  /** The upload begun or continued. */
  MultipartUpload upload() {
    return upload;
  }

  /**
   * Continues an upload begun before, by this process or another, instead of beginning one: the
   * parts the store holds for it are listed, by part number, for the caller to {@link #adopt} or
   * send again.
   *
   * @throws ObjectNotFoundException if the upload was completed or aborted meanwhile
   */
  Map<Integer, CompletedPart> resume(MultipartUpload existing) {
    if (!existing.key().equals(key)) {
      throw new IllegalArgumentException(
          "the upload is for another key: " + existing.key() + ", not " + key);
    }
    upload = existing;
    Map<Integer, CompletedPart> stored = new TreeMap<>();
    Set<String> given = new HashSet<>();
    String token = "";
    while (true) {
      String pageToken = token;
      Page<CompletedPart> page =
          transfer.call(StorageOperation.LIST_PARTS, () -> target.listParts(existing, pageToken));
      page.items().forEach(part -> stored.put(part.partNumber(), part));
      if (page.nextToken().isEmpty()) {
        transfer.engine.opened(upload, target.location().toString());
        return stored;
      }
      token = page.nextToken().get();
      if (!given.add(token)) {
        throw new PermanentStorageException(
            transfer.context,
            "the store's part listing handed out a token it gave before and would not end");
      }
    }
  }

  /**
   * Takes a part the store already holds into the upload without sending it again, if the store's
   * word matches the bytes the caller has for it: the same size and at least one checksum the store
   * reports and the engine computed, all equal.
   *
   * @param stored the part as {@link #resume} listed it
   * @param sums the checksums of the caller's bytes for that part, with this session's codes
   * @return true if adopted; false if the part must be sent again
   */
  boolean adopt(CompletedPart stored, Sums sums) {
    return adopt(stored, sums, null);
  }

  /**
   * As {@link #adopt(CompletedPart, Sums)}, and where the store lists no checksum the engine
   * computed, its ETag equal to the MD5 of the caller's bytes also counts (S3 and OSS tag a part
   * with its MD5, unless it is encrypted with a managed key: then the part is sent again).
   *
   * @param md5 the lower-case hex MD5 of the caller's bytes, or null
   */
  boolean adopt(CompletedPart stored, Sums sums, String md5) {
    if (!stored.sizeKnown()) {
      return false;
    }
    boolean compared = sums.toMap().keySet().stream().anyMatch(stored.checksums()::containsKey);
    boolean matches =
        compared
            ? Verification.storeProblem(sums, stored.size(), stored.checksums()).isEmpty()
            : md5 != null
                && stored.size() == sums.length()
                && stored.etag().replace("\"", "").equalsIgnoreCase(md5);
    if (!matches) {
      return false;
    }
    done.put(stored.partNumber(), new Done(stored, sums));
    transfer.progress(stored.size());
    return true;
  }

  /**
   * Uploads a part on the workers once the window has room. {@code settled} runs when the part is
   * done with its body, stored or not.
   */
  void submit(int number, Content body, Runnable settled) throws InterruptedException {
    try {
      window.submit(transfer.engine.partWorkers, () -> uploadPart(number, body, settled));
    } catch (InterruptedException | RuntimeException e) {
      settled.run();
      throw e;
    }
  }

  private void uploadPart(int number, Content body, Runnable settled) {
    try {
      if (!transfer.failed()) {
        SummingContent summing = new SummingContent(body, codes, transfer.engine);
        Map<ChecksumAlgorithm, String> expected = expectations.first(body);
        CompletedPart part =
            transfer.call(
                StorageOperation.UPLOAD_PART,
                () -> {
                  CompletedPart stored = target.uploadPart(upload, number, summing, expected);
                  if (expectations.needsResend(stored)) {
                    stored = target.uploadPart(upload, number, summing, expectations.all(body));
                  }
                  Optional<String> problem =
                      Verification.storeProblem(
                          sent(summing, number), stored.size(), stored.checksums());
                  if (problem.isPresent()) {
                    // a part is only joined by completion, so sending it again replaces it
                    throw new IntegrityException(
                        transfer.context,
                        "part " + number + ": " + problem.get() + ". Sending it again.");
                  }
                  return stored;
                });
        Sums sums = sent(summing, number);
        done.put(number, new Done(part, sums));
        transfer.progress(body.length());
      }
    } catch (Throwable e) {
      transfer.fail(e);
    } finally {
      settled.run();
    }
  }

  /**
   * Copies a range of an object of the target store into a part, on the workers once the window has
   * room ({@link ObjectStore#copyPart}); no byte passes through the engine, so the part adds its
   * length and no checksum to the session's sums.
   */
  void submitCopy(int number, ObjectInfo source, ByteRange range) throws InterruptedException {
    window.submit(transfer.engine.partWorkers, () -> copyPart(number, source, range));
  }

  private void copyPart(int number, ObjectInfo source, ByteRange range) {
    try {
      if (!transfer.failed()) {
        CompletedPart part =
            transfer.call(
                StorageOperation.COPY_PART, () -> target.copyPart(upload, number, source, range));
        done.put(number, new Done(part, new Sums(List.of(), range.length(), new long[0])));
        transfer.progress(range.length());
      }
    } catch (Throwable e) {
      transfer.fail(e);
    }
  }

  private Sums sent(SummingContent summing, int number) {
    return summing
        .lastComplete()
        .orElseThrow(
            () ->
                new IntegrityException(
                    transfer.context, "the store did not read part " + number + " to its end"));
  }

  /** Waits for the parts, joins them, and returns the object; on failure the caller aborts. */
  Result complete() throws Throwable {
    return complete(SourceUnchanged.NONE);
  }

  /**
   * Waits for the parts, checks that their source is unchanged, joins them, and returns the object;
   * on failure the caller aborts.
   */
  Result complete(SourceUnchanged unchanged) throws Throwable {
    window.awaitAll();
    if (transfer.failed()) {
      throw transfer.failure();
    }
    unchanged.check();
    List<CompletedPart> parts = new ArrayList<>(done.size());
    Sums sums = Sums.empty(codes);
    int expected = 1;
    for (Map.Entry<Integer, Done> part : done.entrySet()) {
      if (part.getKey() != expected++) {
        throw new IllegalStateException("part " + (expected - 1) + " is missing");
      }
      parts.add(part.getValue().part());
      sums = sums.then(part.getValue().sums());
    }
    Sums whole = sums;
    AtomicInteger attempts = new AtomicInteger();
    try {
      ObjectInfo object =
          transfer.call(
              StorageOperation.COMPLETE_MULTIPART,
              () -> {
                attempts.incrementAndGet();
                return target.completeMultipart(upload, parts);
              });
      transfer.engine.ended(upload, false);
      return new Result(object, whole, parts.size());
    } catch (ObjectNotFoundException e) {
      // A retried completion finds no upload when an earlier attempt joined it but its answer was
      // lost: the object is ours if it holds exactly our bytes.
      if (attempts.get() > 1) {
        Optional<ObjectInfo> found = target.stat(key);
        if (found.isPresent() && Verification.holds(found.get(), whole)) {
          transfer.engine.ended(upload, false);
          return new Result(found.get(), whole, parts.size());
        }
      }
      throw e;
    }
  }

  /**
   * Cancels the parts, waits for them, aborts the upload and checks it is gone.
   *
   * @return whether the upload is gone; if not, it was journaled for the sweep
   */
  boolean abort(Throwable cause) {
    transfer.fail(cause);
    window.awaitAll();
    if (upload == null) {
      return true;
    }
    try {
      transfer.callToTheEnd(
          StorageOperation.ABORT_MULTIPART,
          () -> {
            target.abortMultipart(upload);
            return null;
          });
      if (target.capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)
          && target.listMultipartUploads(key).stream()
              .anyMatch(u -> u.uploadId().equals(upload.uploadId()))) {
        throw new PermanentStorageException(
            transfer.context,
            "the upload " + upload.uploadId() + " is still listed after its abort");
      }
      transfer.engine.ended(upload, true);
      return true;
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      journal(e);
      transfer.engine.ended(upload, false);
      return false;
    }
  }

  private void journal(RuntimeException abortFailure) {
    String location = target.location().toString();
    log.warn(
        "could not abort upload {} of {} in {}: {}; run 'stowage sweep' to abort it later",
        upload.uploadId(),
        key,
        location,
        abortFailure.getMessage());
    transfer.engine.journal.ifPresent(
        journal -> {
          try {
            journal.record(location, upload);
          } catch (RuntimeException e) {
            abortFailure.addSuppressed(e);
          }
        });
  }
}
