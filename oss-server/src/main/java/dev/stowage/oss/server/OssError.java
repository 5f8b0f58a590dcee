package dev.stowage.oss.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An OSS error: status, code and message, answered as OSS's error XML. */
final class OssError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final String extra;

  OssError(int status, String code, String message) {
    this(status, code, message, "");
  }

  OssError(int status, String code, String message, String extraXml) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extraXml;
  }

  HttpExchange.Response toResponse(String requestId, boolean head) {
    HttpExchange.Response response = new HttpExchange.Response(status);
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>"
                + code
                + "</Code>\n  <Message>"
                + Xml.escape(getMessage())
                + "</Message>\n  <RequestId>"
                + requestId
                + "</RequestId>\n  <HostId>127.0.0.1</HostId>\n"
                + extra
                + "</Error>\n")
            .getBytes(StandardCharsets.UTF_8);
    if (head) {
      // A HEAD answer has no body, so OSS carries the error document in a header.
      response.header("x-oss-err", Base64.getEncoder().encodeToString(xml));
    } else if (status != 304) {
      response.header("Content-Type", "application/xml");
      response.body = xml;
    }
    return response;
  }
}
