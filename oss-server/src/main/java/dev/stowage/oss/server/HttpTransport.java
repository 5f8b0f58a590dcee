package dev.stowage.oss.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * Carries requests between Jetty and the {@link RequestHandler}: the head as sent, the body only
 * when an operation reads it (and no more of it than the body limit), and the response with its
 * faults (a reset, a body cut short or corrupted). A request refused before its body was read is
 * answered with {@code Connection: close}, so that the body it still sends is never read.
 */
final class HttpTransport extends Handler.Abstract {
  private final RequestHandler handler;
  private final long maxBodyBytes;

  HttpTransport(RequestHandler handler, long maxBodyBytes) {
    this.handler = handler;
    // bodies are held in memory, so no more than an array holds
    this.maxBodyBytes = Math.min(maxBodyBytes, Integer.MAX_VALUE - 8);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + "," + b);
    }
    HttpURI uri = request.getHttpURI();
    if (uri.isAbsolute() && uri.getAuthority() != null) {
      // absolute form, as a client sends it through a proxy: the authority is the host
      headers.put("host", uri.getAuthority());
    }
    long declared = request.getLength();
    boolean hasBody = declared > 0 || headers.containsKey("transfer-encoding");
    HttpExchange exchange =
        new HttpExchange(
            request.getMethod(),
            uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath(),
            uri.getQuery() == null ? "" : uri.getQuery(),
            headers,
            () -> openBody(request, declared));
    HttpExchange.Response answer = handler.handle(exchange);
    if (answer.reset) {
      reset(request);
      callback.failed(new IOException("the connection was reset by a fault"));
      return true;
    }
    boolean bodyUnread = hasBody && !exchange.bodyRead();
    if (bodyUnread && exchange.isAuthenticated()) {
      // an answer that did not need the body (an error, a fault) follows it, as from a store that
      // took the request in; only an unauthenticated request is answered from its head alone
      bodyUnread = !drain(exchange);
    }
    try {
      send(answer, bodyUnread, request, response, callback);
    } finally {
      if (answer.stream != null) {
        answer.stream.close();
      }
    }
    return true;
  }

  /** The body, refused beyond the limit: at once by its length, else as its chunks arrive. */
  private InputStream openBody(Request request, long declared) {
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    return new WatchedStream(Content.Source.asInputStream(request)) {
      private long read;

      @Override
      void seen(byte[] buffer, int offset, int count) {
        read += count;
        if (read > maxBodyBytes) {
          throw tooLarge();
        }
      }
    };
  }

  /** Reads what is left of a body to nothing; false if it could not be read to its end. */
  private static boolean drain(HttpExchange exchange) {
    try (InputStream rest = exchange.bodyStream()) {
      rest.transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (IOException | OssError e) {
      return false;
    }
  }

  private OssError tooLarge() {
    return new OssError(
        400,
        "EntityTooLarge",
        "Your proposed upload exceeds the maximum allowed size of " + maxBodyBytes + " bytes.");
  }

  private static void send(
      HttpExchange.Response answer,
      boolean bodyUnread,
      Request request,
      Response response,
      Callback callback)
      throws Exception {
    response.setStatus(answer.status);
    HttpFields.Mutable fields = response.getHeaders();
    for (String[] header : answer.headers) {
      fields.add(header[0], header[1]);
    }
    boolean bodiless = answer.status == 204 || answer.status == 304;
    if (!bodiless) {
      fields.put(
          HttpHeader.CONTENT_LENGTH,
          answer.contentLength >= 0 ? answer.contentLength : answer.body.length);
    }
    if (bodyUnread) {
      fields.put(HttpHeader.CONNECTION, "close");
    }
    InputStream body =
        answer.headOnly || bodiless
            ? InputStream.nullInputStream()
            : answer.stream != null ? answer.stream : new ByteArrayInputStream(answer.body);
    long position = 0;
    byte[] buffer = new byte[64 * 1024];
    for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
      if (answer.corruptAt >= position && answer.corruptAt < position + read) {
        buffer[(int) (answer.corruptAt - position)] ^= (byte) 0xff;
      }
      if (answer.truncateAt >= 0 && answer.truncateAt < position + read) {
        write(response, buffer, (int) (answer.truncateAt - position));
        endPoint(request).close();
        callback.failed(new IOException("the body was cut short by a fault"));
        return;
      }
      write(response, buffer, read);
      position += read;
    }
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  /** Writes a chunk of the body and waits until it is written. */
  private static void write(Response response, byte[] buffer, int length) throws Exception {
    if (length > 0) {
      FutureCallback written = new FutureCallback();
      response.write(false, ByteBuffer.wrap(buffer, 0, length), written);
      written.get();
    }
  }

  /** Closes the connection with a TCP reset instead of an orderly close. */
  private static void reset(Request request) {
    EndPoint endPoint = endPoint(request);
    if (endPoint.getTransport() instanceof NetworkChannel channel) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException e) {
        // closed already: nothing left to reset
      }
    }
    endPoint.close();
  }

  private static EndPoint endPoint(Request request) {
    return request.getConnectionMetaData().getConnection().getEndPoint();
  }
}
