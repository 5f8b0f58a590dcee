package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageOperation;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues the multipart upload of a local file that a killed run left, or begins one and notes it
 * in the {@link ResumeJournal} until it ends. An upload is continued only for the same target, key,
 * part size and source version (its name, size, time, and the CRC-32C of its first and last MiB);
 * each part the store lists is kept only if its size and checksum (or MD5 ETag) match the bytes
 * read from the file now, and the whole object is verified as always.
 */
final class UploadResume implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UploadResume.class);
  private static final long EDGE = 1 << 20;

  private final Transfer transfer;
  private Optional<ResumeJournal> journal;
  private Optional<Closeable> claim = Optional.empty();
  private final ObjectStore store;
  private final String target;
  private final String key;
  private final long partSize;
  private final String source;

  private UploadResume(
      Transfer transfer,
      Optional<ResumeJournal> journal,
      ObjectStore store,
      String key,
      long partSize,
      String source) {
    this.transfer = transfer;
    this.journal = journal;
    this.store = store;
    this.target = store.location().toString();
    this.key = key;
    this.partSize = partSize;
    this.source = source;
  }

  /**
   * The resume of an upload of {@code content} from {@code from}; nothing is journaled when the
   * source has no version (a stream, an object without an ETag).
   */
  static UploadResume of(
      Transfer transfer,
      ObjectStore target,
      String key,
      long partSize,
      Content content,
      UploadSource from) {
    Optional<ResumeJournal> journal =
        from.version().isPresent() ? transfer.engine.resumes : Optional.empty();
    String source = from.version().orElse("");
    if (journal.isPresent() && from.versionHasEdges()) {
      try {
        source += " " + edges(content);
      } catch (IOException e) {
        journal = Optional.empty(); // the read that follows reports the file's failure
      }
    }
    return new UploadResume(transfer, journal, target, key, partSize, source);
  }

  /**
   * Continues the upload the journal holds for this key if it is still the same, keeping the listed
   * parts that match {@code content}; else begins a new one and journals it.
   *
   * @return the part numbers kept, which need not be sent
   */
  Set<Integer> start(MultipartSession session, Content content, List<Crc> codes) {
    claim = journal.flatMap(j -> j.claim(target, key));
    if (claim.isEmpty()) {
      journal = Optional.empty(); // not journaled, or another run is copying the same key now
      session.begin();
      return Set.of();
    }
    Optional<ResumeJournal.Entry> prior = journal.get().find(target, key);
    if (prior.isPresent()) {
      String reason = reasonToStartOver(prior.get());
      if (reason == null) {
        try {
          return keep(session, session.resume(prior.get().upload()), content, codes);
        } catch (ObjectNotFoundException gone) {
          reason = "the interrupted upload is gone (completed, aborted or swept)";
        }
      } else {
        abandon(prior.get());
      }
      transfer.engine.restarted(key, reason);
    }
    session.begin();
    try {
      journal.get().record(new ResumeJournal.Entry(target, session.upload(), partSize, source));
    } catch (UncheckedIOException e) {
      // a home folder that cannot be written costs the resume, not the upload
      log.warn(
          "{}: the upload goes on but cannot be resumed after a kill: {}", key, e.getMessage());
      journal = Optional.empty();
    }
    return Set.of();
  }

  /** Forgets the upload once it is completed, or aborted and gone. */
  void ended() {
    journal.ifPresent(j -> j.remove(target, key));
  }

  /** Lets another run continue or note the key's upload. */
  @Override
  public void close() {
    claim.ifPresent(
        right -> {
          try {
            right.close();
          } catch (IOException e) {
            // the lock goes with the process anyway
          }
        });
  }

  private String reasonToStartOver(ResumeJournal.Entry prior) {
    if (!prior.source().equals(source)) {
      return "the source changed since the interrupted upload";
    }
    if (prior.partSize() != partSize) {
      return "the part size differs from the interrupted upload's";
    }
    return null;
  }

  private Set<Integer> keep(
      MultipartSession session,
      Map<Integer, CompletedPart> stored,
      Content content,
      List<Crc> codes) {
    Set<Integer> kept = new TreeSet<>();
    long keptBytes = 0;
    long length = content.length();
    for (CompletedPart part : stored.values()) {
      long offset = (part.partNumber() - 1) * partSize;
      if (offset >= length) {
        continue;
      }
      Content slice = content.slice(offset, Math.min(partSize, length - offset));
      if (adopted(session, part, slice, codes)) {
        kept.add(part.partNumber());
        keptBytes += slice.length();
      }
    }
    transfer.engine.resumed(key, keptBytes, length);
    return kept;
  }

  private static boolean adopted(
      MultipartSession session, CompletedPart part, Content slice, List<Crc> codes) {
    if (part.size() != slice.length()) {
      return false;
    }
    MessageDigest md5 = Md5.newDigest();
    Sums sums;
    try (InputStream in = new DigestInputStream(slice.open(), md5)) {
      sums = Sums.of(in, codes);
    } catch (IOException e) {
      return false; // sent again, and the send reports the file's failure
    }
    return session.adopt(part, sums, HexFormat.of().formatHex(md5.digest()));
  }

  /** An upload for an older version of the source: aborted, so that it does not linger. */
  private void abandon(ResumeJournal.Entry prior) {
    try {
      transfer.callToTheEnd(
          StorageOperation.ABORT_MULTIPART,
          () -> {
            store.abortMultipart(prior.upload());
            return null;
          });
    } catch (RuntimeException e) {
      // left to the sweep, which finds it by age
    }
    journal.ifPresent(j -> j.remove(target, key));
  }

  /** The CRC-32C of the first and the last MiB, so that a rewrite that kept size and time shows. */
  private static String edges(Content content) throws IOException {
    long length = content.length();
    List<Crc> crc = List.of(Crc.of(ChecksumAlgorithm.CRC32C));
    String head;
    try (InputStream in = content.slice(0, Math.min(EDGE, length)).open()) {
      head = Sums.of(in, crc).toMap().values().iterator().next();
    }
    String tail;
    try (InputStream in =
        content.slice(Math.max(0, length - EDGE), Math.min(EDGE, length)).open()) {
      tail = Sums.of(in, crc).toMap().values().iterator().next();
    }
    return "head-crc32c=" + head + " tail-crc32c=" + tail;
  }
}
