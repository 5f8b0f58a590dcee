package dev.stowage.oss.server;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request's signature (V1 or V4), its access key id and its time against the clock;
 * anonymous requests are denied.
 */
final class Authenticator {
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final Pattern V1_AUTHORIZATION = Pattern.compile("OSS ([^:]+):(.+)");
  private static final DateTimeFormatter V4_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final String accessKeyId;
  private final String secret;
  private final Clock clock;

  Authenticator(String accessKeyId, String secret, Clock clock) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.clock = clock;
  }

  void authenticate(HttpExchange request, String resource, List<QueryParameter> query) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw new OssError(403, "AccessDenied", "Anonymous access is forbidden for this operation.");
    }
    if (authorization.startsWith(SignatureV4.ALGORITHM + " ")) {
      authenticateV4(request, resource, query, SignatureV4.Authorization.parse(authorization));
      return;
    }
    Matcher v1 = V1_AUTHORIZATION.matcher(authorization);
    if (!v1.matches()) {
      throw new OssError(400, "InvalidArgument", "Authorization header is invalid.");
    }
    String date = request.header("date");
    Instant requestTime;
    try {
      requestTime = Dates.parseRfc1123(date == null ? "" : date);
    } catch (IllegalArgumentException e) {
      throw new OssError(403, "AccessDenied", "OSS authentication requires a valid Date.");
    }
    checkSkew(requestTime);
    checkAccessKeyId(v1.group(1));
    byte[] stringToSign = SignatureV1.stringToSign(request, resource, query);
    if (!SignatureV1.matches(stringToSign, secret, v1.group(2))) {
      throw signatureDoesNotMatch(stringToSign, "", v1.group(1));
    }
  }

  private void authenticateV4(
      HttpExchange request,
      String resource,
      List<QueryParameter> query,
      SignatureV4.Authorization authorization) {
    String date = request.header("x-oss-date");
    Instant requestTime;
    try {
      requestTime =
          LocalDateTime.parse(date == null ? "" : date, V4_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new OssError(
          403, "AccessDenied", "OSS V4 authentication requires a valid x-oss-date header.");
    }
    if (!date.startsWith(authorization.day())) {
      throw new OssError(
          403,
          "AccessDenied",
          "The date in the credential scope does not match the x-oss-date header.");
    }
    checkSkew(requestTime);
    checkAccessKeyId(authorization.accessKeyId());
    byte[] canonicalRequest =
        SignatureV4.canonicalRequest(
            request.method, resource, query, request.headers, authorization.additionalHeaders());
    byte[] stringToSign = SignatureV4.stringToSign(date, authorization.scope(), canonicalRequest);
    if (!SignatureV4.matches(stringToSign, secret, authorization)) {
      throw signatureDoesNotMatch(
          stringToSign,
          Xml.element(
              "CanonicalRequest", new String(canonicalRequest, StandardCharsets.ISO_8859_1)),
          authorization.accessKeyId());
    }
  }

  private void checkSkew(Instant requestTime) {
    Instant now = clock.instant();
    if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new OssError(
          403,
          "RequestTimeTooSkewed",
          "The difference between the request time and the current time is too large.",
          Xml.element("RequestTime", Dates.ISO.format(requestTime))
              + Xml.element("ServerTime", Dates.ISO.format(now))
              + Xml.element("MaxAllowedSkewMilliseconds", "900000"));
    }
  }

  private void checkAccessKeyId(String given) {
    if (!given.equals(accessKeyId)) {
      throw new OssError(
          403,
          "InvalidAccessKeyId",
          "The OSS Access Key Id you provided does not exist in our records.",
          Xml.element("OSSAccessKeyId", given));
    }
  }

  private static OssError signatureDoesNotMatch(
      byte[] stringToSign, String canonicalRequestXml, String givenAccessKeyId) {
    return new OssError(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
        Xml.element("StringToSign", new String(stringToSign, StandardCharsets.UTF_8))
            + canonicalRequestXml
            + Xml.element("OSSAccessKeyId", givenAccessKeyId));
  }
}
