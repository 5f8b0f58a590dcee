package dev.stowage.cli;

import dev.stowage.engine.SyncAction;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.CRC32;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sync's planned work as JSON Lines, so that it can be split: a first line naming both sides,
 * then one action per line with the keys in full. Written by {@code sync --plan}, read line by line
 * by {@code run}, whose shards take the actions by a hash of their key: disjoint, and together the
 * whole plan.
 */
final class PlanFile {
  static final String FORMAT = "stowage-sync-plan/1";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PlanFile() {}

  /**
   * The first line: the format, and the stores of the source and the destination; the actions' keys
   * are in full, below these.
   */
  record Header(String plan, String source, String destination) {}

  /**
   * One action: {@code copy} from the source key to the destination key, or {@code delete} the
   * destination key; with the object's size and why.
   */
  record Entry(String action, String source, String destination, long size, String reason) {
    boolean isCopy() {
      return action.equals("copy");
    }

    /** The key that places the action in a shard. */
    String shardKey() {
      return isCopy() ? source : destination;
    }
  }

  /** Writes a plan, one line per action as it is planned. */
  static final class Writer implements AutoCloseable {
    private final BufferedWriter out;

    Writer(Path file, String source, String destination) throws IOException {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      line(new Header(FORMAT, source, destination));
    }

    void add(SyncAction action, String sourcePrefix, String destinationPrefix) {
      boolean copy = action.kind() == SyncAction.Kind.COPY;
      line(
          new Entry(
              copy ? "copy" : "delete",
              copy ? sourcePrefix + action.key() : null,
              destinationPrefix + action.key(),
              action.size(),
              action.reason()));
    }

    private void line(Object value) {
      try {
        out.write(JSON.writeValueAsString(value));
        out.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the plan: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads a plan: its header at once, its actions as they are consumed. */
  static final class Reader implements AutoCloseable, Iterable<Entry> {
    private final Path file;
    private final BufferedReader in;
    private final Header header;

    Reader(Path file) {
      this.file = file;
      try {
        in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        String first = in.readLine();
        header = first == null ? null : JSON.readValue(first, Header.class);
      } catch (IOException e) {
        throw Stowage.CliException.usage(
            "the plan " + file + " cannot be read (" + e.getMessage() + ").");
      } catch (JacksonException e) {
        throw notAPlan(file);
      }
      if (header == null || !FORMAT.equals(header.plan())) {
        throw notAPlan(file);
      }
    }

    Header header() {
      return header;
    }

    /** The actions, read from the file as the iteration goes; only once. */
    @Override
    public Iterator<Entry> iterator() {
      return new Iterator<>() {
        private Entry next;
        private int line = 1;

        @Override
        public boolean hasNext() {
          if (next == null) {
            try {
              for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (!text.isBlank()) {
                  next = JSON.readValue(text, Entry.class);
                  break;
                }
              }
            } catch (IOException e) {
              throw new UncheckedIOException("cannot read the plan " + file, e);
            } catch (JacksonException e) {
              throw Stowage.CliException.usage(
                  "line " + line + " of the plan " + file + " is not an action: " + e.getMessage());
            }
          }
          return next != null;
        }

        @Override
        public Entry next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Entry entry = next;
          next = null;
          return entry;
        }
      };
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    private static Stowage.CliException notAPlan(Path file) {
      return Stowage.CliException.usage(
          file
              + " is not a plan of 'stowage sync --plan' (its first line must name "
              + FORMAT
              + ").");
    }
  }

  /** Shard {@code index} of {@code count}, 1-based, by a CRC-32 of the key's UTF-8 bytes. */
  record Shard(int index, int count) {
    static final Shard WHOLE = new Shard(1, 1);

    static Shard parse(String text) {
      String[] parts = text.split("/");
      try {
        if (parts.length == 2) {
          int index = Integer.parseInt(parts[0].trim());
          int count = Integer.parseInt(parts[1].trim());
          if (count >= 1 && index >= 1 && index <= count) {
            return new Shard(index, count);
          }
        }
      } catch (NumberFormatException e) {
        // the usage error below
      }
      throw Stowage.CliException.usage(
          "--shard '" + text + "' is not a shard; write I/N with 1 <= I <= N, such as 2/4.");
    }

    boolean takes(String key) {
      CRC32 crc = new CRC32();
      crc.update(key.getBytes(StandardCharsets.UTF_8));
      return crc.getValue() % count == index - 1;
    }

    @Override
    public String toString() {
      return index + "/" + count;
    }
  }
}
