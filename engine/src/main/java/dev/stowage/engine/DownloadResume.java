package dev.stowage.engine;

import dev.stowage.api.ObjectInfo;
import dev.stowage.api.PartialFiles;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The partial file of a download that a killed run may continue. With resume on, the download is
 * written to {@code .NAME.stowage.part} beside the target, and each range, once written, is noted
 * with its checksums in {@code .NAME.stowage.ranges}. A later download of the same object (same
 * size, ETag, range size and checksums) reads the noted ranges back from the partial file, keeps
 * those whose bytes still have the noted checksums, and fetches only the rest; the whole is
 * verified as always. Both files go once the download ends, completed or failed; only a kill leaves
 * them. Without resume, or while another run holds the same name, the partial file has a name of
 * its own and nothing is noted.
 */
final class DownloadResume implements AutoCloseable {
  static final String FORMAT = "stowage-download-1";

  private final Transfer transfer;
  private final String key;
  private final Path temporary;
  private final Path ranges;
  private final String header;
  private final Closeable claim;
  private BufferedWriter notes;

  private DownloadResume(
      Transfer transfer, String key, Path temporary, Path ranges, String header, Closeable claim) {
    this.transfer = transfer;
    this.key = key;
    this.temporary = temporary;
    this.ranges = ranges;
    this.header = header;
    this.claim = claim;
  }

  /** The partial file of a download of {@code info} into {@code file}, resumable if enabled. */
  static DownloadResume of(
      Transfer transfer, Path file, ObjectInfo info, long rangeSize, List<Crc> codes)
      throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    String name = PartialFiles.base(file);
    if (transfer.engine.resumes.isPresent() && info.etag().isPresent()) {
      Optional<Closeable> claim = FileClaim.tryClaim(directory.resolve(name + ".lock"));
      if (claim.isPresent()) {
        String header =
            FORMAT
                + " size="
                + info.size()
                + " etag="
                + info.etag().get()
                + " range="
                + rangeSize
                + " codes="
                + codes.stream().map(c -> c.algorithm().name()).collect(Collectors.joining(","));
        return new DownloadResume(
            transfer,
            info.key(),
            directory.resolve(name + ".part"),
            directory.resolve(name + ".ranges"),
            header,
            claim.get());
      }
    }
    return new DownloadResume(
        transfer, info.key(), PartialFiles.singleUse(file.toAbsolutePath()), null, null, null);
  }

  Path temporary() {
    return temporary;
  }

  /** How to open the partial file: a resumable one may already hold ranges. */
  Set<OpenOption> openOptions() {
    return ranges == null
        ? Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
        : Set.of(
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ,
            LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The ranges a killed run wrote whose bytes in the partial file still have the checksums it
   * noted, by index; starts the notes afresh for this run, keeping those.
   */
  Map<Integer, Sums> kept(FileChannel channel, long size, long rangeSize, List<Crc> codes)
      throws IOException {
    Map<Integer, Sums> kept = new TreeMap<>();
    if (ranges == null) {
      return kept;
    }
    List<String> lines = Files.exists(ranges) ? readLines() : List.of();
    if (!lines.isEmpty() && !lines.get(0).equals(header)) {
      transfer.engine.restarted(key, "the object changed since the interrupted download");
    } else {
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        Map.Entry<Integer, long[]> noted = parse(line, codes.size());
        if (noted == null) {
          continue;
        }
        int index = noted.getKey();
        long offset = index * rangeSize;
        if (offset >= size) {
          continue;
        }
        long length = Math.min(rangeSize, size - offset);
        Sums onDisk = onDisk(channel, offset, length, codes);
        if (onDisk.length() == length && Arrays.equals(onDisk.values(), noted.getValue())) {
          kept.put(index, onDisk);
        }
      }
      if (!lines.isEmpty()) {
        long bytes = kept.values().stream().mapToLong(Sums::length).sum();
        transfer.engine.resumed(key, bytes, size);
      }
    }
    notes =
        Files.newBufferedWriter(
            ranges,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    notes.write(header);
    notes.newLine();
    for (Map.Entry<Integer, Sums> range : kept.entrySet()) {
      note(range.getKey(), range.getValue());
    }
    notes.flush();
    return kept;
  }

  /** Notes a range written to the partial file; a kill after this keeps it for the next run. */
  synchronized void written(int index, Sums sums) throws IOException {
    if (notes == null) {
      return;
    }
    note(index, sums);
    notes.flush();
  }

  private void note(int index, Sums sums) throws IOException {
    StringBuilder line = new StringBuilder().append(index);
    for (long value : sums.values()) {
      line.append(' ').append(Long.toUnsignedString(value, 16));
    }
    notes.write(line.toString());
    notes.newLine();
  }

  /** Drops the notes, once the download is renamed into place or has failed. */
  void ended() throws IOException {
    if (notes != null) {
      notes.close();
      notes = null;
    }
    if (ranges != null) {
      Files.deleteIfExists(ranges);
    }
  }

  /** Lets another run use the names; a failure to is no failure of the download. */
  @Override
  public void close() {
    try {
      if (notes != null) {
        notes.close();
      }
      if (claim != null) {
        claim.close();
      }
    } catch (IOException e) {
      // the lock goes with the process; a stale lock file is only a name
    }
  }

  private List<String> readLines() {
    try {
      return Files.readAllLines(ranges, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  /** The checksums of a range as the partial file holds it; shorter if the file ends first. */
  private static Sums onDisk(FileChannel channel, long offset, long length, List<Crc> codes)
      throws IOException {
    Sums.Running running = new Sums.Running(codes);
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(64 * 1024, length));
    long position = offset;
    while (position < offset + length) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), offset + length - position));
      int got = channel.read(buffer, position);
      if (got < 0) {
        break;
      }
      running.update(buffer.array(), 0, got);
      position += got;
    }
    return running.finish();
  }

  /** One noted range: its index and checksum values; null for a line a kill cut short. */
  private static Map.Entry<Integer, long[]> parse(String line, int codes) {
    String[] fields = line.split(" ");
    if (fields.length != codes + 1) {
      return null;
    }
    try {
      long[] values = new long[codes];
      for (int i = 0; i < codes; i++) {
        values[i] = Long.parseUnsignedLong(fields[i + 1], 16);
      }
      return Map.entry(Integer.parseInt(fields[0]), values);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
