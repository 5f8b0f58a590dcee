package dev.stowage.oss.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the handler sees it, whatever carries it: method, path and query as sent
 * (still percent-encoded), headers by lower-case name (repeated ones joined with commas) and a body
 * read only when an operation asks for it, so that a request refused from its head is never read.
 * The response keeps header names exactly as given (the OSS client finds user metadata only under
 * lower-case names).
 */
final class HttpExchange {
  final String method;
  final String rawPath;
  final String rawQuery;
  final Map<String, String> headers;
  private final Body source;
  private byte[] body;
  private String expectedSha256;

  /** Reads a request's body, once. */
  @FunctionalInterface
  interface Body {
    byte[] read() throws IOException;
  }

  HttpExchange(
      String method, String rawPath, String rawQuery, Map<String, String> headers, Body source) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.source = source;
  }

  /**
   * The body, read on the first call; checked against the SHA-256 the request signed, if it signed
   * one.
   *
   * @throws OssError if the body is not the one signed, or cannot be read
   */
  byte[] body() {
    if (body == null) {
      try {
        body = source.read();
      } catch (IOException e) {
        throw new OssError(400, "IncompleteBody", "The request body could not be read: " + e);
      }
      if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256(body))) {
        throw new OssError(
            400,
            "ContentSHA256Mismatch",
            "The x-oss-content-sha256 you specified did not match what we received.");
      }
    }
    return body;
  }

  boolean bodyRead() {
    return body != null;
  }

  /** Makes {@link #body()} refuse a body whose SHA-256 is not this one (hex). */
  void expectSha256(String hex) {
    this.expectedSha256 = hex;
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** A response: status, headers in the case given, and a body. */
  static final class Response {
    final int status;
    final List<String[]> headers = new ArrayList<>();
    byte[] body = new byte[0];
    boolean headOnly;
    long contentLength = -1;

    /** Reset the connection instead of answering (a fault). */
    boolean reset;

    /** Close the connection after this many body bytes (a fault), or -1. */
    long truncateAt = -1;

    /** Flip the bits of this body byte (a fault), or -1. */
    long corruptAt = -1;

    Response(int status) {
      this.status = status;
    }

    /**
     * Adds a header.
     *
     * @throws IllegalArgumentException if the value holds a line break, which would let a request
     *     parameter such as {@code response-content-type} write headers of its own
     */
    Response header(String name, String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException("The value of " + name + " holds a line break.");
        }
      }
      headers.add(new String[] {name, value});
      return this;
    }
  }
}
