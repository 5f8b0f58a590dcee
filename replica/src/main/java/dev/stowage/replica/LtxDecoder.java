package dev.stowage.replica;

import dev.stowage.engine.internal.Crc64;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Reads an LTX file as a stream, once: the header, each page decompressed (LZ4 blocks, or the LZ4
 * frames Litestream wrote before v0.5.16), the page index and the trailer, checking the file
 * checksum (CRC-64/GO-ISO over the header, page headers, size fields, decompressed pages, index and
 * post-apply checksum) and, where the file tracks one, a snapshot's database checksum.
 */
final class LtxDecoder {
  /** Receives each page as it is decoded, in file order. */
  interface PageSink {
    /**
     * Takes one page.
     *
     * @param pgno the page number, from 1
     * @param page the page's bytes; valid only during the call
     * @throws IOException if the page cannot be stored
     */
    void page(long pgno, byte[] page) throws IOException;
  }

  /** What a decoded file held. */
  record Summary(LtxHeader header, long pages, long bytes) {}

  private static final int PAGE_HEADER_SIZE = 6;
  private static final int TRAILER_SIZE = 16;
  private static final int FLAG_SIZE_FIELD = 0x1;
  private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

  private LtxDecoder() {}

  /**
   * Decodes a whole file, handing each page to the sink.
   *
   * @throws CorruptLtxException if the file is malformed, truncated or fails its checksums
   * @throws IOException if the stream or the sink fails
   */
  static Summary decode(InputStream source, PageSink sink) throws IOException {
    CountingInput in = new CountingInput(source);
    Crc64 fileSum = Crc64.goIso();
    byte[] headerBytes = in.readExactly(LtxHeader.SIZE, "the header");
    LtxHeader header;
    try {
      header = LtxHeader.decode(headerBytes);
    } catch (IllegalArgumentException e) {
      throw new CorruptLtxException("bad header: " + e.getMessage());
    }
    fileSum.update(headerBytes, 0, headerBytes.length);
    int pageSize = header.pageSize();
    byte[] page = new byte[pageSize];
    byte[] compressed = new byte[0];
    long databaseSum = LtxChecksums.FLAG;
    long previous = 0;
    long pages = 0;
    while (true) {
      long offset = in.count();
      byte[] pageHeader = in.readExactly(PAGE_HEADER_SIZE, "a page header");
      fileSum.update(pageHeader, 0, PAGE_HEADER_SIZE);
      ByteBuffer fields = ByteBuffer.wrap(pageHeader);
      long pgno = Integer.toUnsignedLong(fields.getInt(0));
      int flags = Short.toUnsignedInt(fields.getShort(4));
      if (pgno == 0 && flags == 0) {
        break;
      }
      if (pgno == 0 || (flags & ~FLAG_SIZE_FIELD) != 0) {
        throw new CorruptLtxException(
            "bad page header at byte " + offset + " (page " + pgno + ", flags " + flags + ")");
      }
      if (pgno <= previous) {
        throw new CorruptLtxException(
            "page " + pgno + " follows page " + previous + "; pages must ascend");
      }
      if (header.isSnapshot()) {
        long expected = previous + 1 == header.lockPage() ? previous + 2 : previous + 1;
        if (pgno != expected) {
          throw new CorruptLtxException(
              "the snapshot skips from page " + previous + " to page " + pgno);
        }
      }
      if ((flags & FLAG_SIZE_FIELD) != 0) {
        byte[] sizeField = in.readExactly(4, "a page size field");
        fileSum.update(sizeField, 0, 4);
        int size = ByteBuffer.wrap(sizeField).getInt();
        if (size < 0 || size > pageSize + pageSize / 255 + 16) { // LZ4's compress bound
          throw new CorruptLtxException("page " + pgno + " claims " + size + " compressed bytes");
        }
        if (compressed.length < size) {
          compressed = new byte[size];
        }
        in.readExactly(compressed, size, "page " + pgno);
        int length;
        try {
          length = LZ4.decompress(compressed, 0, size, page, 0, pageSize);
        } catch (LZ4Exception e) {
          throw new CorruptLtxException("page " + pgno + " does not decompress: " + e.getMessage());
        }
        if (length != pageSize) {
          throw new CorruptLtxException(
              "page " + pgno + " decompresses to " + length + " bytes, not " + pageSize);
        }
      } else {
        readLegacyFrame(in, page, pgno);
      }
      fileSum.update(page, 0, pageSize);
      if (header.isSnapshot() && header.tracksChecksum()) {
        databaseSum = LtxChecksums.FLAG | (databaseSum ^ LtxChecksums.page(pgno, page, pageSize));
      }
      sink.page(pgno, page);
      previous = pgno;
      pages++;
    }
    if (header.isSnapshot() && previous != header.commit() && header.commit() != 0) {
      boolean endsBeforeLock = previous + 1 == header.lockPage() && previous + 1 == header.commit();
      if (!endsBeforeLock) {
        throw new CorruptLtxException(
            "the snapshot ends at page " + previous + " but the database has " + header.commit());
      }
    }
    byte[] rest = in.readAllBytes();
    if (rest.length < 1 + 8 + TRAILER_SIZE) {
      throw new CorruptLtxException("the file ends before its page index and trailer");
    }
    fileSum.update(rest, 0, rest.length - 8);
    ByteBuffer tail = ByteBuffer.wrap(rest);
    long indexLength = tail.getLong(rest.length - TRAILER_SIZE - 8);
    if (indexLength != rest.length - TRAILER_SIZE - 8) {
      throw new CorruptLtxException(
          "the page index claims "
              + indexLength
              + " bytes but "
              + (rest.length - TRAILER_SIZE - 8)
              + " precede the trailer");
    }
    long indexed = countIndexEntries(rest, (int) indexLength);
    if (indexed != pages) {
      throw new CorruptLtxException(
          "the page index lists " + indexed + " pages but the file holds " + pages);
    }
    long postApply = tail.getLong(rest.length - TRAILER_SIZE);
    long fileChecksum = tail.getLong(rest.length - 8);
    long computed = LtxChecksums.FLAG | fileSum.getValue();
    if (fileChecksum != computed) {
      throw new CorruptLtxException(
          String.format(
              "checksum mismatch: the trailer says %016x, the content gives %016x",
              fileChecksum, computed));
    }
    if (header.isSnapshot() && header.tracksChecksum() && postApply != databaseSum) {
      throw new CorruptLtxException(
          String.format(
              "database checksum mismatch: the trailer says %016x, the pages give %016x",
              postApply, databaseSum));
    }
    return new Summary(header, pages, in.count());
  }

  /** Reads one page stored as a whole LZ4 frame, and the frame's end mark and checksum. */
  private static void readLegacyFrame(CountingInput in, byte[] page, long pgno) throws IOException {
    try {
      LZ4FrameInputStream frame = new LZ4FrameInputStream(in.unclosable(), true);
      int read = frame.readNBytes(page, 0, page.length);
      if (read != page.length || frame.read() != -1) {
        throw new CorruptLtxException(
            "page " + pgno + "'s LZ4 frame does not hold exactly one page");
      }
    } catch (CorruptLtxException e) {
      throw e;
    } catch (IOException | LZ4Exception e) {
      if (e instanceof EOFException) {
        throw (EOFException) e;
      }
      throw new CorruptLtxException("page " + pgno + "'s LZ4 frame is bad: " + e.getMessage());
    }
  }

  /** Counts the (pgno, offset, size) varint triples of a page index up to its 0 terminator. */
  private static long countIndexEntries(byte[] bytes, int length) throws CorruptLtxException {
    int[] position = {0};
    long entries = 0;
    while (true) {
      long pgno = varint(bytes, length, position);
      if (pgno == 0) {
        break;
      }
      varint(bytes, length, position);
      varint(bytes, length, position);
      entries++;
    }
    if (position[0] != length) {
      throw new CorruptLtxException("the page index has bytes after its terminator");
    }
    return entries;
  }

  private static long varint(byte[] bytes, int length, int[] position) throws CorruptLtxException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position[0] >= length) {
        throw new CorruptLtxException("the page index ends inside a number");
      }
      int b = bytes[position[0]++] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new CorruptLtxException("the page index holds an overlong number");
  }

  /** A stream that counts what it hands out and reads exact amounts. */
  private static final class CountingInput extends FilterInputStream {
    private long count;

    CountingInput(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    byte[] readExactly(int length, String what) throws IOException {
      byte[] bytes = new byte[length];
      readExactly(bytes, length, what);
      return bytes;
    }

    void readExactly(byte[] bytes, int length, String what) throws IOException {
      int read = readNBytes(bytes, 0, length);
      if (read != length) {
        throw new CorruptLtxException(
            "the file ends at byte " + count + ", inside " + what + "; it is truncated");
      }
    }

    InputStream unclosable() {
      return new FilterInputStream(this) {
        @Override
        public void close() {}
      };
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
