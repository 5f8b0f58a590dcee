package dev.stowage.oss.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request read off a connection, and the response written back with header names
 * exactly as given (the OSS client finds user metadata only under lower-case names). Header values
 * are kept as raw bytes in ISO-8859-1 strings, as they travel.
 */
final class HttpExchange {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  final String method;
  final String rawPath;
  final String rawQuery;
  final Map<String, String> headers;
  final byte[] body;

  private HttpExchange(
      String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  boolean keepAlive() {
    return !"close".equalsIgnoreCase(header("connection"));
  }

  /** Reads one request; returns null at a clean end of the connection. */
  static HttpExchange read(InputStream in, OutputStream out) throws IOException {
    String requestLine = line(in, true);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new IOException("malformed request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int headBytes = requestLine.length();
    for (String line = line(in, false); !line.isEmpty(); line = line(in, false)) {
      headBytes += line.length();
      if (headBytes > MAX_HEAD_BYTES) {
        throw new IOException("request head too large");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line");
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      headers.merge(name, value, (a, b) -> a + "," + b);
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else if (headers.containsKey("content-length")) {
      long length = Long.parseLong(headers.get("content-length"));
      if (length < 0 || length > Integer.MAX_VALUE - 8) {
        throw new IOException("content length out of range");
      }
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("the body ended early");
      }
    } else {
      body = new byte[0];
    }
    String target = parts[1];
    if (target.startsWith("http://")) {
      // absolute form, as a client sends it through a proxy: the authority is the host
      int pathStart = target.indexOf('/', "http://".length());
      headers.put(
          "host",
          target.substring("http://".length(), pathStart < 0 ? target.length() : pathStart));
      target = pathStart < 0 ? "/" : target.substring(pathStart);
    }
    int query = target.indexOf('?');
    return new HttpExchange(
        parts[0],
        query < 0 ? target : target.substring(0, query),
        query < 0 ? "" : target.substring(query + 1),
        headers,
        body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in, false);
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!line(in, false).isEmpty()) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("a chunk ended early");
      }
      body.write(chunk);
      line(in, false);
    }
  }

  /** Reads a CRLF-terminated line as ISO-8859-1; null at end of stream if allowed. */
  private static String line(InputStream in, boolean endAllowed) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) c);
      if (line.length() > MAX_HEAD_BYTES) {
        throw new IOException("line too long");
      }
    }
    if (endAllowed && line.length() == 0) {
      return null;
    }
    throw new EOFException("the connection closed mid-request");
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

    Response header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    /** Writes the response; returns false if the connection must close after it. */
    boolean write(OutputStream out, boolean keepAlive) throws IOException {
      StringBuilder head =
          new StringBuilder("HTTP/1.1 ")
              .append(status)
              .append(' ')
              .append(reason(status))
              .append("\r\n");
      for (String[] header : headers) {
        head.append(header[0]).append(": ").append(header[1]).append("\r\n");
      }
      long length = contentLength >= 0 ? contentLength : body.length;
      if (status != 204 && status != 304) {
        head.append("Content-Length: ").append(length).append("\r\n");
      }
      head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      boolean withBody = !headOnly && status != 204 && status != 304;
      if (withBody && corruptAt >= 0 && corruptAt < body.length) {
        body = body.clone();
        body[(int) corruptAt] ^= (byte) 0xff;
      }
      if (withBody && truncateAt >= 0 && truncateAt < body.length) {
        out.write(body, 0, (int) truncateAt);
        out.flush();
        return false;
      }
      if (withBody) {
        out.write(body);
      }
      out.flush();
      return keepAlive;
    }

    private static String reason(int status) {
      return switch (status) {
        case 200 -> "OK";
        case 204 -> "No Content";
        case 206 -> "Partial Content";
        case 304 -> "Not Modified";
        case 400 -> "Bad Request";
        case 403 -> "Forbidden";
        case 404 -> "Not Found";
        case 409 -> "Conflict";
        case 411 -> "Length Required";
        case 412 -> "Precondition Failed";
        case 416 -> "Requested Range Not Satisfiable";
        case 429 -> "Too Many Requests";
        case 500 -> "Internal Server Error";
        case 502 -> "Bad Gateway";
        case 503 -> "Service Unavailable";
        case 504 -> "Gateway Timeout";
        case 501 -> "Not Implemented";
        default -> "Status";
      };
    }
  }
}
