package dev.stowage.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

final class ByteArrayContent implements Content {
  private final byte[] bytes;
  private final int offset;
  private final int length;

  ByteArrayContent(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(bytes, offset, length);
  }

  @Override
  public Content slice(long from, long count) {
    if (from < 0 || count < 0 || from > length - count) {
      return Content.super.slice(from, count); // throws with the standard message
    }
    return new ByteArrayContent(bytes, offset + (int) from, (int) count);
  }

  @Override
  public String toString() {
    return "Content[" + length + " bytes in memory]";
  }
}
