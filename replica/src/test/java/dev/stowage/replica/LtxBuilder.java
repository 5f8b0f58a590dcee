package dev.stowage.replica;

import dev.stowage.engine.internal.Crc64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * Writes LTX files for the tests, following LTX.md: the current form (LZ4 blocks with a size field)
 * or the legacy one (one LZ4 frame per page), with the page index and both checksums.
 */
final class LtxBuilder {
  private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();

  private final int pageSize;
  private final long minTxid;
  private final long maxTxid;
  private final Instant timestamp;
  private final TreeMap<Long, byte[]> pages = new TreeMap<>();
  private long commit;
  private int flags = LtxHeader.FLAG_NO_CHECKSUM;
  private boolean legacy;

  LtxBuilder(int pageSize, long minTxid, long maxTxid, Instant timestamp) {
    this.pageSize = pageSize;
    this.minTxid = minTxid;
    this.maxTxid = maxTxid;
    this.timestamp = timestamp;
  }

  LtxBuilder commit(long pagesInDatabase) {
    this.commit = pagesInDatabase;
    return this;
  }

  /** Tracks the database checksum (flags 0): a snapshot's trailer then carries it. */
  LtxBuilder trackChecksum() {
    this.flags = 0;
    return this;
  }

  /** Writes pages as LZ4 frames without a size field, as Litestream before v0.5.16 did. */
  LtxBuilder legacy() {
    this.legacy = true;
    return this;
  }

  LtxBuilder page(long pgno, byte[] data) {
    if (data.length != pageSize) {
      throw new IllegalArgumentException("page " + pgno + " is " + data.length + " bytes");
    }
    pages.put(pgno, data.clone());
    return this;
  }

  /** Adds pages 1..n of a database image. */
  LtxBuilder pagesOf(byte[] database) {
    for (int i = 0; i * pageSize < database.length; i++) {
      byte[] page = new byte[pageSize];
      System.arraycopy(database, i * pageSize, page, 0, pageSize);
      page(i + 1, page);
    }
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Crc64 sum = Crc64.goIso();
    ByteBuffer header = ByteBuffer.allocate(LtxHeader.SIZE);
    header.put("LTX1".getBytes(StandardCharsets.US_ASCII));
    header.putInt(flags).putInt(pageSize).putInt((int) commit);
    header.putLong(minTxid).putLong(maxTxid).putLong(timestamp.toEpochMilli());
    write(out, sum, header.array());
    List<long[]> index = new ArrayList<>();
    long database = LtxChecksums.FLAG;
    for (Map.Entry<Long, byte[]> page : pages.entrySet()) {
      long offset = out.size();
      byte[] data = page.getValue();
      ByteBuffer pageHeader = ByteBuffer.allocate(6);
      pageHeader.putInt(page.getKey().intValue()).putShort((short) (legacy ? 0 : 1));
      write(out, sum, pageHeader.array());
      if (legacy) {
        byte[] frame = frame(data);
        out.writeBytes(frame);
      } else {
        byte[] compressed = COMPRESSOR.compress(data);
        write(out, sum, ByteBuffer.allocate(4).putInt(compressed.length).array());
        out.writeBytes(compressed);
      }
      sum.update(data, 0, data.length);
      database = LtxChecksums.FLAG | (database ^ LtxChecksums.page(page.getKey(), data, pageSize));
      index.add(new long[] {page.getKey(), offset, out.size() - offset});
    }
    write(out, sum, new byte[6]);
    ByteArrayOutputStream indexBytes = new ByteArrayOutputStream();
    for (long[] entry : index) {
      for (long value : entry) {
        varint(indexBytes, value);
      }
    }
    varint(indexBytes, 0);
    write(out, sum, indexBytes.toByteArray());
    write(out, sum, ByteBuffer.allocate(8).putLong(indexBytes.size()).array());
    long postApply = flags == 0 && minTxid == 1 ? database : 0;
    write(out, sum, ByteBuffer.allocate(8).putLong(postApply).array());
    out.writeBytes(ByteBuffer.allocate(8).putLong(LtxChecksums.FLAG | sum.getValue()).array());
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Crc64 sum, byte[] bytes) {
    out.writeBytes(bytes);
    sum.update(bytes, 0, bytes.length);
  }

  private static byte[] frame(byte[] data) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(frame)) {
      lz4.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return frame.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
