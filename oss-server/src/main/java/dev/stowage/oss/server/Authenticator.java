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
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
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
    check(request, resource, query);
    request.authenticated();
  }

  private void check(HttpExchange request, String resource, List<QueryParameter> query) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      if (QueryParameter.value(query, "x-oss-signature", null) != null) {
        authenticatePresignedV4(request, resource, query);
        return;
      }
      if (QueryParameter.value(query, "Signature", null) != null) {
        authenticatePresignedV1(request, resource, query);
        return;
      }
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
    // the Node.js client sends x-oss-date and no Date; the Date line then holds x-oss-date
    String date =
        request.header("date") != null ? request.header("date") : request.header("x-oss-date");
    Instant requestTime;
    try {
      requestTime = Dates.parseRfc1123(date == null ? "" : date);
    } catch (IllegalArgumentException e) {
      throw new OssError(403, "AccessDenied", "OSS authentication requires a valid Date.");
    }
    checkSkew(requestTime);
    checkAccessKeyId(v1.group(1));
    checkV1(request, resource, query, date, v1.group(1), v1.group(2));
  }

  /**
   * A V1 presigned URL: {@code OSSAccessKeyId}, {@code Expires} (epoch seconds, in the Date line)
   * and {@code Signature} in the query.
   */
  private void authenticatePresignedV1(
      HttpExchange request, String resource, List<QueryParameter> query) {
    String expires = QueryParameter.value(query, "Expires", "");
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw new OssError(403, "AccessDenied", "A presigned URL needs Expires in epoch seconds.");
    }
    if (clock.instant().getEpochSecond() > expiresAt) {
      throw new OssError(403, "AccessDenied", "Request has expired.");
    }
    String id = QueryParameter.value(query, "OSSAccessKeyId", "");
    checkAccessKeyId(id);
    checkV1(request, resource, query, expires, id, QueryParameter.value(query, "Signature", ""));
  }

  /**
   * Checks a V1 signature. A sub-resource sent with an empty value ({@code ?uploads=}) may have
   * been signed with or without its {@code =}: clients differ, and either proves the secret.
   */
  private void checkV1(
      HttpExchange request,
      String resource,
      List<QueryParameter> query,
      String dateLine,
      String givenId,
      String signature) {
    byte[] stringToSign = SignatureV1.stringToSign(request, dateLine, resource, query, false);
    if (SignatureV1.matches(stringToSign, secret, signature)) {
      return;
    }
    byte[] withoutEmptyValues = SignatureV1.stringToSign(request, dateLine, resource, query, true);
    if (!SignatureV1.matches(withoutEmptyValues, secret, signature)) {
      throw signatureDoesNotMatch(stringToSign, "", givenId);
    }
  }

  /**
   * A V4 presigned URL: {@code x-oss-credential}, {@code x-oss-date}, {@code x-oss-expires} and
   * {@code x-oss-signature} in the query, which is signed whole but for the signature itself.
   */
  private void authenticatePresignedV4(
      HttpExchange request, String resource, List<QueryParameter> query) {
    String credential = QueryParameter.value(query, "x-oss-credential", "");
    SignatureV4.Authorization authorization =
        SignatureV4.Authorization.parse(
            SignatureV4.ALGORITHM
                + " Credential="
                + credential
                + ",AdditionalHeaders="
                + QueryParameter.value(query, "x-oss-additional-headers", "")
                + ",Signature="
                + QueryParameter.value(query, "x-oss-signature", ""));
    String date = QueryParameter.value(query, "x-oss-date", "");
    Instant signedAt = v4Time(date, authorization);
    long expires;
    try {
      expires = Long.parseLong(QueryParameter.value(query, "x-oss-expires", ""));
    } catch (NumberFormatException e) {
      throw new OssError(403, "AccessDenied", "A presigned URL needs x-oss-expires in seconds.");
    }
    if (clock.instant().isAfter(signedAt.plusSeconds(expires))) {
      throw new OssError(403, "AccessDenied", "Request has expired.");
    }
    checkAccessKeyId(authorization.accessKeyId());
    List<QueryParameter> signedQuery =
        query.stream().filter(p -> !p.name().equals("x-oss-signature")).toList();
    checkV4(request, resource, signedQuery, date, authorization);
  }

  private void authenticateV4(
      HttpExchange request,
      String resource,
      List<QueryParameter> query,
      SignatureV4.Authorization authorization) {
    String date = request.header("x-oss-date");
    checkSkew(v4Time(date == null ? "" : date, authorization));
    checkAccessKeyId(authorization.accessKeyId());
    checkV4(request, resource, query, date, authorization);
    String payloadHash = request.header("x-oss-content-sha256");
    if (payloadHash != null && !payloadHash.equals(UNSIGNED_PAYLOAD)) {
      request.expectSha256(payloadHash);
    }
  }

  private static Instant v4Time(String date, SignatureV4.Authorization authorization) {
    Instant time;
    try {
      time = LocalDateTime.parse(date, V4_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new OssError(403, "AccessDenied", "OSS V4 authentication requires a valid x-oss-date.");
    }
    if (!date.startsWith(authorization.day())) {
      throw new OssError(
          403, "AccessDenied", "The date in the credential scope does not match x-oss-date.");
    }
    return time;
  }

  private void checkV4(
      HttpExchange request,
      String resource,
      List<QueryParameter> query,
      String date,
      SignatureV4.Authorization authorization) {
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
