package dev.stowage.provider.filesystem;

import dev.stowage.api.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** What an upload will create: the key, when it began, and the final object's write options. */
record UploadDescriptor(String key, Instant initiated, WriteOptions options) {
  /** The modification time written when the upload keeps none; descriptors before it had none. */
  private static final long NOT_KEPT = Long.MIN_VALUE;

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(key);
      out.writeLong(initiated.toEpochMilli());
      out.writeBoolean(options.createOnly());
      byte[] attributes =
          new StoredAttributes(options.userMetadata(), options.contentType().orElse(""), 0, 0, 0)
              .encode();
      out.writeInt(attributes.length);
      out.write(attributes);
      out.writeLong(options.lastModified().map(Instant::toEpochMilli).orElse(NOT_KEPT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static UploadDescriptor read(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      String key = in.readUTF();
      Instant initiated = Instant.ofEpochMilli(in.readLong());
      boolean createOnly = in.readBoolean();
      byte[] encoded = new byte[in.readInt()];
      in.readFully(encoded);
      StoredAttributes attributes = StoredAttributes.decode(encoded);
      WriteOptions.Builder options =
          WriteOptions.builder().userMetadata(attributes.userMetadata()).createOnly(createOnly);
      if (!attributes.contentType().isEmpty()) {
        options.contentType(attributes.contentType());
      }
      long lastModified = in.available() >= Long.BYTES ? in.readLong() : NOT_KEPT;
      if (lastModified != NOT_KEPT) {
        options.lastModified(Instant.ofEpochMilli(lastModified));
      }
      return new UploadDescriptor(key, initiated, options.build());
    }
  }
}
