package dev.stowage.oss.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** ListObjectsV2: UTF-8 byte order, prefix, delimiter, start-after, tokens, url encoding. */
final class Listing {
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Listing() {}

  static String listObjectsV2(Bucket bucket, List<QueryParameter> query) {
    String prefix = QueryParameter.value(query, "prefix", "");
    String delimiter = QueryParameter.value(query, "delimiter", "");
    boolean url = "url".equals(QueryParameter.value(query, "encoding-type", ""));
    boolean owner = "true".equals(QueryParameter.value(query, "fetch-owner", ""));
    int maxKeys;
    try {
      maxKeys = Integer.parseInt(QueryParameter.value(query, "max-keys", "100"));
    } catch (NumberFormatException e) {
      maxKeys = -1;
    }
    if (maxKeys < 1 || maxKeys > 1000) {
      throw new OssError(
          400,
          "InvalidArgument",
          "max-keys must be between 1 and 1000.",
          Xml.element("ArgumentName", "max-keys"));
    }
    String startAfter = QueryParameter.value(query, "start-after", null);
    String token = QueryParameter.value(query, "continuation-token", null);
    String after = startAfter;
    String skipPrefix = null;
    if (token != null) {
      String decoded;
      try {
        decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      if (decoded.length() < 2 || "kp".indexOf(decoded.charAt(0)) < 0) {
        throw new OssError(
            400,
            "InvalidArgument",
            "The continuation token is not valid.",
            Xml.element("ArgumentName", "continuation-token"));
      }
      after = decoded.substring(1);
      skipPrefix = decoded.charAt(0) == 'p' ? after : null;
    }
    String from =
        after != null && bucket.objects.comparator().compare(after, prefix) > 0 ? after : prefix;
    boolean inclusive = !from.equals(after);
    StringBuilder contents = new StringBuilder();
    StringBuilder prefixes = new StringBuilder();
    int count = 0;
    String last = null;
    boolean lastIsPrefix = false;
    boolean truncated = false;
    for (Map.Entry<String, StoredObject> entry :
        bucket.objects.tailMap(from, inclusive).entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      if (skipPrefix != null && key.startsWith(skipPrefix)) {
        continue;
      }
      int at = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
      String common = at < 0 ? null : key.substring(0, at + delimiter.length());
      if (count == maxKeys) {
        truncated = true;
        break;
      }
      if (common != null) {
        prefixes
            .append("  <CommonPrefixes><Prefix>")
            .append(Xml.escape(encode(common, url)))
            .append("</Prefix></CommonPrefixes>\n");
        skipPrefix = common;
        last = common;
        lastIsPrefix = true;
      } else {
        StoredObject object = entry.getValue();
        contents
            .append("  <Contents>\n")
            .append(Xml.element("Key", encode(key, url)))
            .append(Xml.element("LastModified", ISO.format(object.lastModified())))
            .append(Xml.element("ETag", object.etag()))
            .append(Xml.element("Type", object.objectType()))
            .append(Xml.element("Size", String.valueOf(object.content().length)))
            .append(Xml.element("StorageClass", "Standard"));
        if (owner) {
          contents.append("  <Owner><ID>stowage</ID><DisplayName>stowage</DisplayName></Owner>\n");
        }
        contents.append("  </Contents>\n");
        last = key;
        lastIsPrefix = false;
      }
      count++;
    }
    StringBuilder xml =
        new StringBuilder("<ListBucketResult>\n")
            .append(Xml.element("Name", bucket.name))
            .append(Xml.element("Prefix", encode(prefix, url)))
            .append(Xml.element("MaxKeys", String.valueOf(maxKeys)));
    if (token != null) {
      xml.append(Xml.element("ContinuationToken", token));
    }
    if (startAfter != null) {
      xml.append(Xml.element("StartAfter", encode(startAfter, url)));
    }
    if (!delimiter.isEmpty()) {
      xml.append(Xml.element("Delimiter", encode(delimiter, url)));
    }
    if (url) {
      xml.append(Xml.element("EncodingType", "url"));
    }
    xml.append(Xml.element("IsTruncated", String.valueOf(truncated)));
    if (truncated) {
      String next =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(((lastIsPrefix ? "p" : "k") + last).getBytes(StandardCharsets.UTF_8));
      xml.append(Xml.element("NextContinuationToken", next));
    }
    xml.append(contents)
        .append(prefixes)
        .append(Xml.element("KeyCount", String.valueOf(count)))
        .append("</ListBucketResult>");
    return xml.toString();
  }

  /** URL-encodes as the Java client's HttpUtil does: space as %20, only A-Z a-z 0-9 . - _ left. */
  static String encode(String text, boolean url) {
    return url
        ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        : text;
  }
}
