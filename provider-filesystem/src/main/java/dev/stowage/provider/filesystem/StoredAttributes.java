package dev.stowage.provider.filesystem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the provider keeps beside an object's bytes: user metadata, content type, CRC-32C, and the
 * size and modification time of the file they describe, so a sidecar left behind by a crash is
 * recognised as stale.
 */
record StoredAttributes(
    Map<String, String> userMetadata,
    String contentType,
    int crc32c,
    long size,
    long modifiedMillis) {
  private static final int VERSION = 1;

  StoredAttributes {
    userMetadata = Map.copyOf(userMetadata);
  }

  StoredAttributes at(long newModifiedMillis) {
    return new StoredAttributes(userMetadata, contentType, crc32c, size, newModifiedMillis);
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(size);
      out.writeLong(modifiedMillis);
      out.writeInt(crc32c);
      out.writeUTF(contentType);
      out.writeInt(userMetadata.size());
      for (Map.Entry<String, String> entry : new TreeMap<>(userMetadata).entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeUTF(entry.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StoredAttributes decode(byte[] encoded) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IOException("unknown attribute format version " + version);
      }
      long size = in.readLong();
      long modified = in.readLong();
      int crc = in.readInt();
      String contentType = in.readUTF();
      int count = in.readInt();
      if (count < 0 || count > 10_000) {
        throw new IOException("corrupt attributes: " + count + " metadata entries");
      }
      Map<String, String> metadata = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        metadata.put(in.readUTF(), in.readUTF());
      }
      return new StoredAttributes(metadata, contentType, crc, size, modified);
    }
  }
}
