package dev.stowage.provider.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * Parts written in place: part N of an upload goes to offset {@code (N - 1) x S} of the upload's
 * one data file, where S is the size of the first part stored. An upload whose parts all sit in
 * their places completes by a rename: no byte is written twice, and the object needs no more free
 * space than its own size.
 *
 * <p>A place is taken once ({@code slot-NNNNN}, created exclusively). A part that does not fit its
 * place, or whose place is taken by an earlier upload of the same number, goes to a file of its own
 * instead, so that a failed replacement never damages the part it would replace.
 *
 * <p>Parts in place are not flushed one by one (eight writers flushing one file halve the
 * throughput): the data file is flushed once, at completion. A part's record is trusted as it is
 * while the machine has not restarted since the upload began, because until then the kernel's page
 * cache holds every byte written, also those of a process that was killed. After a restart (Linux's
 * boot id differs) each part in place is read back and kept only if its CRC-32C matches its record.
 * Where the boot id is unknown, every part is flushed as it is written.
 */
final class PartSlots {
  private static final String DATA = "data";
  private static final String SLOT_SIZE = "slot-size";
  private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
  private static final String UNKNOWN_BOOT = "-";

  private final AtomicFiles files;
  private final String bootId;

  PartSlots(AtomicFiles files) {
    this.files = files;
    this.bootId = currentBoot();
  }

  /** How an upload's parts sit in its data file. */
  private record Layout(long slotSize, boolean trusted) {}

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

  /** Whether each part in place is to be flushed as it is written. */
  boolean flushesEachPart() {
    return bootId.equals(UNKNOWN_BOOT);
  }

  /**
   * Whether the data file holds the bytes a part's record names: always while the machine has not
   * restarted since the upload began, else only if they read back with the record's CRC-32C.
   */
  boolean holds(Path uploadDir, StagedPart part) throws IOException {
    Layout layout = layout(uploadDir);
    if (layout == null) {
      return false;
    }
    if (layout.trusted()) {
      return true;
    }
    try (FileChannel in = FileChannel.open(uploadDir.resolve(DATA))) {
      return readsBack(in, (part.number() - 1) * layout.slotSize(), part);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static boolean readsBack(FileChannel in, long offset, StagedPart part)
      throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
    long done = 0;
    while (done < part.size()) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), part.size() - done));
      int n = in.read(buffer, offset + done);
      if (n < 0) {
        return false; // the data file ends before the part
      }
      crc.update(buffer.flip());
      done += n;
    }
    return (int) crc.getValue() == part.crc32c();
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
    Layout layout = layout(uploadDir);
    if (layout == null || !linedUp(parts, layout.slotSize())) {
      return false;
    }
    long size = layout.slotSize();
    long length = parts.stream().mapToLong(StagedPart::size).sum();
    Path data = uploadDir.resolve(DATA);
    try (FileChannel out = files.openShared(data)) {
      if (out.size() > length) {
        return false; // parts beyond the last listed one: not this object
      }
      for (StagedPart part : parts) {
        if (!part.placed()) {
          Transfers.copy(part.file(), out, (part.number() - 1) * size);
        }
      }
      if (out.size() != length) {
        return false;
      }
      files.flush(out); // the one flush of the parts in place
    }
    return files.linkIfPossible(link, data);
  }

  /** Copies a part kept in place into {@code out}, at its position. */
  void transferPlaced(Path uploadDir, StagedPart part, FileChannel out) throws IOException {
    long size = layout(uploadDir).slotSize();
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
    Layout layout = layout(uploadDir);
    if (layout != null || length == 0) {
      return layout == null ? -1 : layout.slotSize();
    }
    try {
      files.writeExclusively(
          uploadDir.resolve(SLOT_SIZE),
          (length + " " + bootId).getBytes(StandardCharsets.US_ASCII));
      return length;
    } catch (FileAlreadyExistsException e) {
      return layout(uploadDir).slotSize();
    }
  }

  /** The upload's layout, or null before its first part in place. */
  private Layout layout(Path uploadDir) throws IOException {
    String[] fields;
    try {
      fields = Files.readString(uploadDir.resolve(SLOT_SIZE), StandardCharsets.US_ASCII).split(" ");
    } catch (NoSuchFileException e) {
      return null;
    }
    // parts were flushed one by one where the boot is unknown, else the page cache still has them
    boolean trusted = flushesEachPart() || (fields.length == 2 && fields[1].equals(bootId));
    return new Layout(Long.parseLong(fields[0]), trusted);
  }

  private static String currentBoot() {
    try {
      String id = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).trim();
      return id.isEmpty() || id.contains(" ") ? UNKNOWN_BOOT : id;
    } catch (IOException | RuntimeException e) {
      return UNKNOWN_BOOT; // not Linux, or no /proc
    }
  }

  private static Path reservation(Path uploadDir, int number) {
    return uploadDir.resolve(String.format("slot-%05d", number));
  }
}
