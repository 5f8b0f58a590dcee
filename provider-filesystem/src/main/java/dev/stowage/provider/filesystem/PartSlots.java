package dev.stowage.provider.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Parts written in place: part N of an upload goes to offset {@code (N - 1) x S} of the upload's
 * one data file, where S is the size of the first part stored. An upload whose parts all sit in
 * their places completes by a rename: no byte is written twice, and the object needs no more free
 * space than its own size.
 *
 * <p>A place is taken once ({@code slot-NNNNN}, created exclusively). A part that does not fit its
 * place, or whose place is taken by an earlier upload of the same number, goes to a file of its own
 * instead, so that a failed replacement never damages the part it would replace.
 */
final class PartSlots {
  private static final String DATA = "data";
  private static final String SLOT_SIZE = "slot-size";

  private final AtomicFiles files;

  PartSlots(AtomicFiles files) {
    this.files = files;
  }

  /**
   * Reserves part {@code number}'s place for a write of {@code length} bytes.
   *
   * @return the offset to write at, or empty if the part is to go to a file of its own
   */
  OptionalLong reserve(Path uploadDir, int number, long length) throws IOException {
    long size = slotSize(uploadDir, length);
    if (length == 0 || length > size) {
      return OptionalLong.empty();
    }
    try {
      Files.createFile(reservation(uploadDir, number));
    } catch (FileAlreadyExistsException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((number - 1) * size);
  }

  /** Gives back a place whose write failed before any part record named it. */
  void release(Path uploadDir, int number) {
    try {
      Files.deleteIfExists(reservation(uploadDir, number));
    } catch (IOException e) {
      // the place stays taken: later uploads of this number go to files of their own
    }
  }

  /** Opens the data file for a write at a reserved offset. */
  FileChannel openData(Path uploadDir) throws IOException {
    return files.openShared(uploadDir.resolve(DATA));
  }

  /**
   * Assembles the object in the data file and links it as {@code link}, if the listed parts are 1
   * to N and every part but the last fills its place: parts in files of their own are copied into
   * their places, the rest stays. The data file itself stays, so a completion that fails later can
   * be tried again.
   *
   * @return whether {@code link} now holds exactly the object; if not, the parts do not line up
   */
  boolean linkAssembled(Path uploadDir, List<StagedPart> parts, Path link) throws IOException {
    long size = storedSlotSize(uploadDir);
    if (size <= 0 || !linedUp(parts, size)) {
      return false;
    }
    long length = parts.stream().mapToLong(StagedPart::size).sum();
    Path data = uploadDir.resolve(DATA);
    try (FileChannel out = files.openShared(data)) {
      if (out.size() > length) {
        return false; // parts beyond the last listed one: not this object
      }
      boolean copied = false;
      for (StagedPart part : parts) {
        if (!part.placed()) {
          Transfers.copy(part.file(), out, (part.number() - 1) * size);
          copied = true;
        }
      }
      if (out.size() != length) {
        return false;
      }
      if (copied) {
        files.flush(out);
      }
    }
    return files.linkIfPossible(link, data);
  }

  /** Copies a part kept in place into {@code out}, at its position. */
  void transferPlaced(Path uploadDir, StagedPart part, FileChannel out) throws IOException {
    long size = storedSlotSize(uploadDir);
    try (FileChannel in = FileChannel.open(uploadDir.resolve(DATA))) {
      Transfers.range(in, (part.number() - 1) * size, part.size(), out);
    }
  }

  private static boolean linedUp(List<StagedPart> parts, long size) {
    for (int i = 0; i < parts.size(); i++) {
      StagedPart part = parts.get(i);
      boolean last = i == parts.size() - 1;
      if (part.number() != i + 1 || part.size() > size || (!last && part.size() != size)) {
        return false;
      }
    }
    return true;
  }

  /** The upload's slot size, set by this write if it is the first. */
  private long slotSize(Path uploadDir, long length) throws IOException {
    long size = storedSlotSize(uploadDir);
    if (size >= 0 || length == 0) {
      return size;
    }
    try {
      files.writeExclusively(
          uploadDir.resolve(SLOT_SIZE), Long.toString(length).getBytes(StandardCharsets.US_ASCII));
      return length;
    } catch (FileAlreadyExistsException e) {
      return storedSlotSize(uploadDir);
    }
  }

  private static long storedSlotSize(Path uploadDir) throws IOException {
    try {
      return Long.parseLong(
          Files.readString(uploadDir.resolve(SLOT_SIZE), StandardCharsets.US_ASCII));
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private static Path reservation(Path uploadDir, int number) {
    return uploadDir.resolve(String.format("slot-%05d", number));
  }
}
