package dev.stowage.oss.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
  private static final byte[] NO_BODY = new byte[0];

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
            () -> readBody(request, declared));
    HttpExchange.Response answer = handler.handle(exchange);
    if (answer.reset) {
      reset(request);
      callback.failed(new IOException("the connection was reset by a fault"));
      return true;
    }
    send(answer, hasBody && !exchange.bodyRead(), request, response, callback);
    return true;
  }

  private byte[] readBody(Request request, long declared) throws IOException {
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    ByteArrayOutputStream body =
        new ByteArrayOutputStream(declared > 0 ? (int) declared : 8 * 1024);
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        if (body.size() + (long) read > maxBodyBytes) {
          throw tooLarge();
        }
        body.write(buffer, 0, read);
      }
    }
    return body.toByteArray();
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
    byte[] body = answer.headOnly || bodiless ? NO_BODY : answer.body;
    if (answer.corruptAt >= 0 && answer.corruptAt < body.length) {
      body = body.clone();
      body[(int) answer.corruptAt] ^= (byte) 0xff;
    }
    if (answer.truncateAt >= 0 && answer.truncateAt < body.length) {
      FutureCallback written = new FutureCallback();
      response.write(false, ByteBuffer.wrap(body, 0, (int) answer.truncateAt), written);
      written.get();
      endPoint(request).close();
      callback.failed(new IOException("the body was cut short by a fault"));
      return;
    }
    response.write(true, ByteBuffer.wrap(body), callback);
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
