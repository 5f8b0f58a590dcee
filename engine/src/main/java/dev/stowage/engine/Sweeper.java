package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.Capability;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aborts abandoned multipart uploads under a prefix: those the store lists that began longer ago
 * than a threshold, and those the engine's abort journal holds for this store (whatever their age,
 * since their transfer already failed). Journal entries are dropped once aborted.
 */
final class Sweeper {
  private Sweeper() {}

  static SweepResult sweep(
      EngineResources engine, ObjectStore store, String prefix, Duration olderThan, Instant now) {
    requireNonNull(prefix, "prefix is null");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan is negative: " + olderThan);
    }
    Transfer transfer =
        new Transfer(
            engine,
            ErrorContext.of(StorageOperation.ABORT_MULTIPART, store.location()).withKey(prefix),
            prefix,
            -1);
    String location = store.location().toString();
    Map<String, MultipartUpload> uploads = new LinkedHashMap<>();
    Set<String> listed = new java.util.HashSet<>();
    boolean lists = store.capabilities().supports(Capability.LIST_MULTIPART_UPLOADS);
    List<AbortJournal.Entry> journaled =
        engine.journal.map(AbortJournal::entries).orElse(List.of()).stream()
            .filter(e -> e.location().equals(location) && e.upload().key().startsWith(prefix))
            .toList();
    journaled.forEach(e -> uploads.put(e.upload().uploadId(), e.upload()));
    if (lists || journaled.isEmpty()) {
      Instant cutoff = now.minus(olderThan);
      List<MultipartUpload> open =
          transfer.call(
              StorageOperation.LIST_MULTIPART_UPLOADS, () -> store.listMultipartUploads(prefix));
      open.forEach(upload -> listed.add(upload.uploadId()));
      for (MultipartUpload upload : open) {
        if (upload.initiated().isBefore(cutoff) || upload.initiated().equals(cutoff)) {
          uploads.putIfAbsent(upload.uploadId(), upload);
        }
      }
    }
    Map<String, StorageException> failures = new HashMap<>();
    int aborted = 0;
    for (MultipartUpload upload : uploads.values()) {
      try {
        transfer.callToTheEnd(
            StorageOperation.ABORT_MULTIPART,
            () -> {
              store.abortMultipart(upload);
              return null;
            });
        aborted++;
      } catch (StorageException e) {
        failures.put(upload.uploadId(), e);
      }
    }
    Set<String> done = new java.util.HashSet<>(uploads.keySet());
    done.removeAll(failures.keySet());
    engine.journal.ifPresent(
        journal ->
            journal.remove(
                e -> e.location().equals(location) && done.contains(e.upload().uploadId())));
    // uploads a killed run left for a resume: forgotten once aborted here or no longer listed
    engine.resumes.ifPresent(
        resumes ->
            resumes.forget(
                e ->
                    location.equals(e.target())
                        && e.upload().key().startsWith(prefix)
                        && (done.contains(e.upload().uploadId())
                            || (lists && !listed.contains(e.upload().uploadId())))));
    return new SweepResult(uploads.size(), aborted, failures);
  }
}
