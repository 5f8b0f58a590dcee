package dev.stowage.oss.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature version 4: {@code Authorization: OSS4-HMAC-SHA256 Credential=<AK>/<day>/<region>/
 * <product>/aliyun_v4_request[,AdditionalHeaders=a;b],Signature=<hex>}, an HMAC-SHA256 chain over a
 * canonical request of the verb, the encoded resource, every query parameter, the signed headers
 * and the payload hash.
 */
final class SignatureV4 {
  static final String ALGORITHM = "OSS4-HMAC-SHA256";
  private static final String TERMINATOR = "aliyun_v4_request";
  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

  /** The parsed Authorization header. */
  record Authorization(
      String accessKeyId,
      String day,
      String region,
      String product,
      Set<String> additionalHeaders,
      String signature) {

    String scope() {
      return day + "/" + region + "/" + product + "/" + TERMINATOR;
    }

    /** Parses the header, leniently about spaces after commas; throws on a malformed one. */
    static Authorization parse(String header) {
      Map<String, String> fields = new TreeMap<>();
      for (String field : header.substring(ALGORITHM.length()).split(",")) {
        int eq = field.indexOf('=');
        if (eq < 0) {
          throw malformed();
        }
        fields.put(field.substring(0, eq).trim(), field.substring(eq + 1).trim());
      }
      String credential = fields.get("Credential");
      String signature = fields.get("Signature");
      if (credential == null || signature == null) {
        throw malformed();
      }
      String[] scope = credential.split("/");
      if (scope.length != 5 || !scope[4].equals(TERMINATOR) || !scope[1].matches("\\d{8}")) {
        throw malformed();
      }
      Set<String> additional = new java.util.TreeSet<>();
      String names = fields.get("AdditionalHeaders");
      if (names != null) {
        for (String name : names.split(";")) {
          if (!name.isBlank()) {
            additional.add(name.trim().toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
      return new Authorization(scope[0], scope[1], scope[2], scope[3], additional, signature);
    }

    private static OssError malformed() {
      return new OssError(400, "InvalidArgument", "Authorization header is invalid.");
    }
  }

  private SignatureV4() {}

  /**
   * Returns the canonical request as the bytes that were hashed (header values are the raw bytes
   * that travelled).
   */
  static byte[] canonicalRequest(
      String method,
      String resource,
      List<QueryParameter> query,
      Map<String, String> headers,
      Set<String> additionalHeaders) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ascii(text, method + "\n");
    ascii(text, encode(resource, false) + "\n");
    List<String[]> parameters = new ArrayList<>();
    for (QueryParameter parameter : query) {
      String value = parameter.value() == null ? "" : parameter.value().trim();
      parameters.add(new String[] {encode(parameter.name().trim(), true), encode(value, true)});
    }
    parameters.sort(Comparator.comparing(p -> p[0]));
    StringBuilder canonicalQuery = new StringBuilder();
    for (String[] parameter : parameters) {
      if (canonicalQuery.length() > 0) {
        canonicalQuery.append('&');
      }
      canonicalQuery.append(parameter[0]);
      if (!parameter[1].isEmpty()) {
        canonicalQuery.append('=').append(parameter[1]);
      }
    }
    ascii(text, canonicalQuery + "\n");
    TreeMap<String, String> signed = new TreeMap<>();
    headers.forEach(
        (name, value) -> {
          if (name.startsWith("x-oss-")
              || name.equals("content-type")
              || name.equals("content-md5")
              || additionalHeaders.contains(name)) {
            signed.put(name, value.trim());
          }
        });
    signed.forEach(
        (name, value) ->
            text.writeBytes((name + ":" + value + "\n").getBytes(StandardCharsets.ISO_8859_1)));
    ascii(text, "\n" + String.join(";", additionalHeaders) + "\n");
    String payload = headers.get("x-oss-content-sha256");
    ascii(text, payload == null ? "UNSIGNED-PAYLOAD" : payload);
    return text.toByteArray();
  }

  static byte[] stringToSign(String requestTime, String scope, byte[] canonicalRequest) {
    try {
      String hash =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest));
      return (ALGORITHM + "\n" + requestTime + "\n" + scope + "\n" + hash)
          .getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static boolean matches(byte[] stringToSign, String secret, Authorization authorization) {
    byte[] expected =
        sign(
                stringToSign,
                secret,
                authorization.day(),
                authorization.region(),
                authorization.product())
            .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(
        expected, authorization.signature().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The signature, in lower-case hex, of a string to sign under a day's derived key. */
  static String sign(
      byte[] stringToSign, String secret, String day, String region, String product) {
    byte[] key = hmac(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, product);
    key = hmac(key, TERMINATOR);
    return HexFormat.of().formatHex(hmac(key, stringToSign));
  }

  private static byte[] hmac(byte[] key, String data) {
    return hmac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /**
   * Percent-encodes UTF-8 bytes outside {@code A-Z a-z 0-9 - _ . ~} as upper-case {@code %XX};
   * {@code /} stays literal unless {@code slash} says otherwise.
   */
  static String encode(String text, boolean slash) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || c == '/' && !slash) {
        out.append(c);
      } else {
        out.append('%').append(UPPER_HEX.toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
