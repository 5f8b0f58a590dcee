package dev.stowage.oss.server;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
  private InputStream stream;
  private byte[] body;
  private String expectedSha256;
  private boolean authenticated;

  /** Opens a request's body, once. */
  @FunctionalInterface
  interface Body {
    InputStream open() throws IOException;
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
   * The body as a stream, opened on the first call; at its end it is checked against the SHA-256
   * the request signed, if it signed one (the read then throws an {@link OssError}).
   */
  InputStream bodyStream() {
    if (stream == null) {
      try {
        stream = source.open();
      } catch (IOException e) {
        throw new OssError(400, "IncompleteBody", "The request body could not be read: " + e);
      }
      if (expectedSha256 != null) {
        stream = new SignedBody(stream, expectedSha256);
      }
    }
    return stream;
  }

  /** The whole body in memory, for the small XML documents some operations send. */
  byte[] body() {
    if (body == null) {
      try {
        body = bodyStream().readAllBytes();
      } catch (IOException e) {
        throw new OssError(400, "IncompleteBody", "The request body could not be read: " + e);
      }
    }
    return body;
  }

  boolean bodyRead() {
    return stream != null;
  }

  /** Makes the body refuse to end unless its SHA-256 is this one (hex). */
  void expectSha256(String hex) {
    this.expectedSha256 = hex;
  }

  /** Notes that the request proved its credentials. */
  void authenticated() {
    this.authenticated = true;
  }

  boolean isAuthenticated() {
    return authenticated;
  }

  /** A body that, at its end, must have the SHA-256 the request signed. */
  private static final class SignedBody extends WatchedStream {
    private final MessageDigest digest;
    private final String expected;

    SignedBody(InputStream in, String expected) {
      super(in);
      this.expected = expected;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has SHA-256", e);
      }
    }

    @Override
    void seen(byte[] buffer, int offset, int count) {
      digest.update(buffer, offset, count);
    }

    @Override
    void end() {
      if (!expected.equalsIgnoreCase(HexFormat.of().formatHex(digest.digest()))) {
        throw new OssError(
            400,
            "ContentSHA256Mismatch",
            "The x-oss-content-sha256 you specified did not match what we received.");
      }
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

    /** A body to stream instead of {@link #body}, of {@link #contentLength} bytes; closed after. */
    InputStream stream;

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
