package dev.stowage.hadoop;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FileChecksum;

/**
 * A file's checksum as the store records it for the whole object (CRC-32C or CRC-64), named so that
 * two files compare equal only when the same algorithm over the same bytes gave the same value;
 * DistCp's {@code -update} and its copy check compare these.
 */
final class StoreChecksum extends FileChecksum {
  private String algorithm;
  private byte[] bytes;

  StoreChecksum(String algorithm, byte[] bytes) {
    this.algorithm = algorithm;
    this.bytes = bytes.clone();
  }

  /** Returns the checksum of an algorithm's hex value, as the store reported it. */
  static StoreChecksum ofHex(String algorithm, String hex) {
    return new StoreChecksum("STOWAGE-" + algorithm, HexFormat.of().parseHex(hex));
  }

  @Override
  public String getAlgorithmName() {
    return algorithm;
  }

  @Override
  public int getLength() {
    return bytes.length;
  }

  @Override
  public byte[] getBytes() {
    return bytes.clone();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeUTF(algorithm);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    algorithm = in.readUTF();
    bytes = new byte[in.readInt()];
    in.readFully(bytes);
  }

  @Override
  public String toString() {
    return algorithm + ":" + HexFormat.of().formatHex(bytes);
  }
}
