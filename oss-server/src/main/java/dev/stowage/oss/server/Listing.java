package dev.stowage.oss.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ListObjects (version 1 and 2), ListMultipartUploads and ListParts: UTF-8 byte order, prefix,
 * delimiter roll-up, markers and tokens, url encoding.
 */
final class Listing {
  private static final String OWNER =
      "  <Owner><ID>stowage</ID><DisplayName>stowage</DisplayName></Owner>\n";

  private Listing() {}

  /** One page of a walk: objects and common prefixes in order, and whether more remain. */
  private record Page(
      List<Map.Entry<String, StoredObject>> objects,
      List<String> prefixes,
      String last,
      boolean truncated) {
    int count() {
      return objects.size() + prefixes.size();
    }
  }

  /**
   * Walks keys under {@code prefix} that are after {@code after} (exclusive, may be null), rolling
   * keys up to common prefixes at the delimiter; a common prefix not after {@code after} was
   * already returned and is skipped.
   */
  private static Page walk(
      Bucket bucket, String prefix, String delimiter, String after, int maxItems) {
    Comparator<? super String> order = bucket.objects.comparator();
    String from = after != null && order.compare(after, prefix) > 0 ? after : prefix;
    boolean inclusive = !from.equals(after);
    List<Map.Entry<String, StoredObject>> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    String lastPrefix = null;
    for (Map.Entry<String, StoredObject> entry :
        bucket.objects.tailMap(from, inclusive).entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      int at = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
      String common = at < 0 ? null : key.substring(0, at + delimiter.length());
      if (common != null
          && (common.equals(lastPrefix) || after != null && order.compare(common, after) <= 0)) {
        continue;
      }
      if (objects.size() + prefixes.size() == maxItems) {
        return new Page(objects, prefixes, last, true);
      }
      if (common != null) {
        prefixes.add(common);
        lastPrefix = common;
        last = common;
      } else {
        objects.add(entry);
        last = key;
      }
    }
    return new Page(objects, prefixes, last, false);
  }

  static String listObjectsV2(Bucket bucket, List<QueryParameter> query) {
    String prefix = QueryParameter.value(query, "prefix", "");
    String delimiter = QueryParameter.value(query, "delimiter", "");
    boolean url = "url".equals(QueryParameter.value(query, "encoding-type", ""));
    boolean owner = "true".equals(QueryParameter.value(query, "fetch-owner", ""));
    int maxKeys = limit(query, "max-keys", 100);
    String startAfter = QueryParameter.value(query, "start-after", null);
    String token = QueryParameter.value(query, "continuation-token", null);
    String after = token == null ? startAfter : fromToken(token);
    Page page = walk(bucket, prefix, delimiter, after, maxKeys);
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
    xml.append(Xml.element("IsTruncated", String.valueOf(page.truncated())));
    if (page.truncated()) {
      xml.append(Xml.element("NextContinuationToken", toToken(page.last())));
    }
    contents(xml, page, url, owner);
    return xml.append(Xml.element("KeyCount", String.valueOf(page.count())))
        .append("</ListBucketResult>")
        .toString();
  }

  static String listObjects(Bucket bucket, List<QueryParameter> query) {
    String prefix = QueryParameter.value(query, "prefix", "");
    String delimiter = QueryParameter.value(query, "delimiter", "");
    String marker = QueryParameter.value(query, "marker", "");
    boolean url = "url".equals(QueryParameter.value(query, "encoding-type", ""));
    int maxKeys = limit(query, "max-keys", 100);
    Page page = walk(bucket, prefix, delimiter, marker.isEmpty() ? null : marker, maxKeys);
    StringBuilder xml =
        new StringBuilder("<ListBucketResult>\n")
            .append(Xml.element("Name", bucket.name))
            .append(Xml.element("Prefix", encode(prefix, url)))
            .append(Xml.element("Marker", encode(marker, url)))
            .append(Xml.element("MaxKeys", String.valueOf(maxKeys)))
            .append(Xml.element("Delimiter", encode(delimiter, url)));
    if (url) {
      xml.append(Xml.element("EncodingType", "url"));
    }
    xml.append(Xml.element("IsTruncated", String.valueOf(page.truncated())));
    if (page.truncated()) {
      xml.append(Xml.element("NextMarker", encode(page.last(), url)));
    }
    contents(xml, page, url, true);
    return xml.append("</ListBucketResult>").toString();
  }

  private static void contents(StringBuilder xml, Page page, boolean url, boolean owner) {
    for (Map.Entry<String, StoredObject> entry : page.objects()) {
      StoredObject object = entry.getValue();
      xml.append("  <Contents>\n")
          .append(Xml.element("Key", encode(entry.getKey(), url)))
          .append(Xml.element("LastModified", Dates.ISO.format(object.lastModified())))
          .append(Xml.element("ETag", object.etag()))
          .append(Xml.element("Type", object.objectType()))
          .append(Xml.element("Size", String.valueOf(object.bytes().length())))
          .append(Xml.element("StorageClass", "Standard"));
      if (owner) {
        xml.append(OWNER);
      }
      xml.append("  </Contents>\n");
    }
    for (String common : page.prefixes()) {
      xml.append("  <CommonPrefixes><Prefix>")
          .append(Xml.escape(encode(common, url)))
          .append("</Prefix></CommonPrefixes>\n");
    }
  }

  static String listMultipartUploads(Bucket bucket, List<QueryParameter> query) {
    String prefix = QueryParameter.value(query, "prefix", "");
    String delimiter = QueryParameter.value(query, "delimiter", "");
    String keyMarker = QueryParameter.value(query, "key-marker", "");
    String uploadIdMarker = QueryParameter.value(query, "upload-id-marker", "");
    boolean url = "url".equals(QueryParameter.value(query, "encoding-type", ""));
    int maxUploads = limit(query, "max-uploads", 1000);
    Comparator<? super String> keyOrder = bucket.objects.comparator();
    List<Upload> uploads =
        bucket.uploads.values().stream()
            .filter(u -> u.key().startsWith(prefix))
            .sorted(Comparator.comparing(Upload::key, keyOrder).thenComparing(Upload::uploadId))
            .toList();
    StringBuilder items = new StringBuilder();
    int count = 0;
    String lastPrefix = null;
    Upload last = null;
    boolean truncated = false;
    for (Upload upload : uploads) {
      int byKey = keyMarker.isEmpty() ? 1 : keyOrder.compare(upload.key(), keyMarker);
      if (byKey < 0
          || byKey == 0
              && (uploadIdMarker.isEmpty() || upload.uploadId().compareTo(uploadIdMarker) <= 0)) {
        continue;
      }
      int at = delimiter.isEmpty() ? -1 : upload.key().indexOf(delimiter, prefix.length());
      String common = at < 0 ? null : upload.key().substring(0, at + delimiter.length());
      if (common != null
          && (common.equals(lastPrefix)
              || !keyMarker.isEmpty() && keyOrder.compare(common, keyMarker) <= 0)) {
        continue;
      }
      if (count == maxUploads) {
        truncated = true;
        break;
      }
      count++;
      if (common != null) {
        lastPrefix = common;
        items
            .append("  <CommonPrefixes><Prefix>")
            .append(Xml.escape(encode(common, url)))
            .append("</Prefix></CommonPrefixes>\n");
      } else {
        last = upload;
        items
            .append("  <Upload>\n")
            .append(Xml.element("Key", encode(upload.key(), url)))
            .append(Xml.element("UploadId", upload.uploadId()))
            .append(Xml.element("StorageClass", "Standard"))
            .append(Xml.element("Initiated", Dates.ISO.format(upload.initiated())))
            .append("  </Upload>\n");
      }
    }
    StringBuilder xml =
        new StringBuilder("<ListMultipartUploadsResult>\n")
            .append(Xml.element("Bucket", bucket.name))
            .append(Xml.element("KeyMarker", encode(keyMarker, url)))
            .append(Xml.element("UploadIdMarker", uploadIdMarker));
    if (truncated) {
      xml.append(Xml.element("NextKeyMarker", encode(last == null ? lastPrefix : last.key(), url)))
          .append(Xml.element("NextUploadIdMarker", last == null ? "" : last.uploadId()));
    }
    xml.append(Xml.element("Delimiter", encode(delimiter, url)))
        .append(Xml.element("Prefix", encode(prefix, url)))
        .append(Xml.element("MaxUploads", String.valueOf(maxUploads)))
        .append(Xml.element("IsTruncated", String.valueOf(truncated)));
    if (url) {
      xml.append(Xml.element("EncodingType", "url"));
    }
    return xml.append(items).append("</ListMultipartUploadsResult>").toString();
  }

  static String listParts(Upload upload, String bucketName, List<QueryParameter> query) {
    boolean url = "url".equals(QueryParameter.value(query, "encoding-type", ""));
    int maxParts = limit(query, "max-parts", 1000);
    String marker = QueryParameter.value(query, "part-number-marker", "");
    int after;
    try {
      after = marker.isEmpty() ? 0 : Integer.parseInt(marker);
    } catch (NumberFormatException e) {
      throw invalidArgument("part-number-marker");
    }
    StringBuilder items = new StringBuilder();
    int count = 0;
    int last = 0;
    boolean truncated = false;
    for (Map.Entry<Integer, Upload.Part> entry : upload.parts().tailMap(after, false).entrySet()) {
      if (count == maxParts) {
        truncated = true;
        break;
      }
      Upload.Part part = entry.getValue();
      items
          .append("  <Part>\n")
          .append(Xml.element("PartNumber", String.valueOf(entry.getKey())))
          .append(Xml.element("LastModified", Dates.ISO.format(part.lastModified())))
          .append(Xml.element("ETag", part.etag()))
          .append(Xml.element("Size", String.valueOf(part.bytes().length())))
          .append("  </Part>\n");
      last = entry.getKey();
      count++;
    }
    StringBuilder xml =
        new StringBuilder("<ListPartsResult>\n")
            .append(Xml.element("Bucket", bucketName))
            .append(Xml.element("Key", encode(upload.key(), url)))
            .append(Xml.element("UploadId", upload.uploadId()))
            .append(Xml.element("StorageClass", "Standard"))
            .append(Xml.element("PartNumberMarker", marker))
            .append(Xml.element("MaxParts", String.valueOf(maxParts)))
            .append(Xml.element("IsTruncated", String.valueOf(truncated)));
    if (truncated) {
      xml.append(Xml.element("NextPartNumberMarker", String.valueOf(last)));
    }
    if (url) {
      xml.append(Xml.element("EncodingType", "url"));
    }
    return xml.append(items).append("</ListPartsResult>").toString();
  }

  /** Reads a page-size parameter: 1..1000, with OSS's default when absent. */
  private static int limit(List<QueryParameter> query, String name, int fallback) {
    int value;
    try {
      value = Integer.parseInt(QueryParameter.value(query, name, String.valueOf(fallback)));
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 1 || value > 1000) {
      throw invalidArgument(name);
    }
    return value;
  }

  private static OssError invalidArgument(String name) {
    return new OssError(
        400,
        "InvalidArgument",
        name + " is not valid; page sizes are 1 to 1000.",
        Xml.element("ArgumentName", name));
  }

  /** Tokens are base64url without padding: unreserved characters, so url encoding is a no-op. */
  private static String toToken(String after) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("t" + after).getBytes(StandardCharsets.UTF_8));
  }

  private static String fromToken(String token) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = "";
    }
    if (decoded.length() < 2 || decoded.charAt(0) != 't') {
      throw new OssError(
          400,
          "InvalidArgument",
          "The continuation token is not valid.",
          Xml.element("ArgumentName", "continuation-token"));
    }
    return decoded.substring(1);
  }

  /** URL-encodes as the Java client's HttpUtil does: space as %20, only A-Z a-z 0-9 . - _ left. */
  static String encode(String text, boolean url) {
    return url
        ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        : text;
  }
}
