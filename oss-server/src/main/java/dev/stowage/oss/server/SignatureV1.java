package dev.stowage.oss.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature version 1: {@code Authorization: OSS <AccessKeyId>:<Base64(HMAC-SHA1(secret,
 * StringToSign))>}, over the verb, Content-MD5, Content-Type, Date, the {@code x-oss-*} headers and
 * the canonical resource with its signed sub-resources.
 */
final class SignatureV1 {
  /** The query parameters the client signs as sub-resources (those of the operations served). */
  static final Set<String> SUB_RESOURCES =
      Set.of(
          "acl",
          "uploads",
          "delete",
          "uploadId",
          "partNumber",
          "objectMeta",
          "continuation-token",
          "versionId",
          "security-token",
          "response-content-type",
          "response-content-language",
          "response-expires",
          "response-cache-control",
          "response-content-disposition",
          "response-content-encoding",
          "location",
          "cors",
          "logging",
          "website",
          "referer",
          "lifecycle",
          "append",
          "position",
          "tagging",
          "x-oss-process",
          "symlink",
          "restore",
          "versions",
          "versioning",
          "encryption",
          "policy",
          "bucketInfo",
          "stat");

  private SignatureV1() {}

  /**
   * Returns the StringToSign as the bytes that were signed: the Date line is given (the Date
   * header, x-oss-date, or a presigned URL's Expires); a sub-resource with an empty value is
   * written bare ({@code ?uploads}) if {@code emptyValuesBare}, else with its {@code =}.
   */
  static byte[] stringToSign(
      HttpExchange request,
      String dateLine,
      String resource,
      List<QueryParameter> query,
      boolean emptyValuesBare) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    latin1(text, request.method + "\n");
    latin1(text, orEmpty(request.header("content-md5")) + "\n");
    latin1(text, orEmpty(request.header("content-type")) + "\n");
    latin1(text, orEmpty(dateLine) + "\n");
    Map<String, String> ossHeaders = new TreeMap<>();
    request.headers.forEach(
        (name, value) -> {
          if (name.startsWith("x-oss-")) {
            ossHeaders.put(name, value.trim());
          }
        });
    ossHeaders.forEach((name, value) -> latin1(text, name + ":" + value + "\n"));
    utf8(text, resource);
    TreeMap<String, QueryParameter> signed = new TreeMap<>();
    for (QueryParameter parameter : query) {
      if (SUB_RESOURCES.contains(parameter.name())) {
        signed.put(parameter.name(), parameter);
      }
    }
    String separator = "?";
    for (QueryParameter parameter : signed.values()) {
      utf8(
          text,
          separator
              + parameter.name()
              + (parameter.value() == null || (emptyValuesBare && parameter.value().isEmpty())
                  ? ""
                  : "=" + parameter.value()));
      separator = "&";
    }
    return text.toByteArray();
  }

  static boolean matches(byte[] stringToSign, String secret, String provided) {
    return MessageDigest.isEqual(
        sign(stringToSign, secret).getBytes(StandardCharsets.ISO_8859_1),
        provided.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The signature, Base64 of HMAC-SHA1, of a string to sign. */
  static String sign(byte[] stringToSign, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static void latin1(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void utf8(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
