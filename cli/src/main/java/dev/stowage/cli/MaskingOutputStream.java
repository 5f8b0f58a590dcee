package dev.stowage.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The command's standard error, through which every log line of every library passes (SLF4J's
 * simple logger, java.util.logging's console, stack traces): it holds what is written until a line
 * ends or a flush, and writes it with the {@link SecretValues} masked. A library that turns on its
 * own debug output (the AWS signer's canonical request, HTTP header logs) can therefore not print a
 * credential.
 */
final class MaskingOutputStream extends OutputStream {
  private static final int LONGEST_LINE = 64 * 1024;

  private final OutputStream out;
  private final SecretValues secrets;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  MaskingOutputStream(OutputStream out, SecretValues secrets) {
    this.out = out;
    this.secrets = secrets;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n' || b == '\r' || line.size() >= LONGEST_LINE) {
      writeLine();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /**
   * Writes what is held. Loggers and print calls write a value whole within one call, so a flush
   * between calls does not split a secret.
   */
  @Override
  public synchronized void flush() throws IOException {
    writeLine();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    writeLine();
    out.close();
  }

  private void writeLine() throws IOException {
    if (line.size() == 0) {
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    out.write(secrets.mask(text).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
