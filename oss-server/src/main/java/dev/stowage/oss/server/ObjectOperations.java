package dev.stowage.oss.server;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** PutObject, GetObject/HeadObject, CopyObject, UploadPartCopy and DeleteMultipleObjects. */
final class ObjectOperations {
  private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private final Buckets buckets;
  private final Clock clock;

  ObjectOperations(Buckets buckets, Clock clock) {
    this.buckets = buckets;
    this.clock = clock;
  }

  HttpExchange.Response put(HttpExchange request, Bucket bucket, String key) {
    if (request.header("content-length") == null
        && !"chunked".equalsIgnoreCase(request.header("transfer-encoding"))) {
      throw new OssError(
          411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    }
    Received received = Received.receive(request.bodyStream(), buckets.spool());
    byte[] md5 = checkedMd5(request, received);
    String etag = "\"" + HexFormat.of().withUpperCase().formatHex(md5) + "\"";
    long crc = received.crc64();
    StoredObject object =
        new StoredObject(
            received.bytes(),
            contentType(request),
            userMetadata(request),
            etag,
            crc,
            Base64.getEncoder().encodeToString(md5),
            "Normal",
            clock.instant());
    bucket.store(key, object, forbidOverwrite(request), "0026-00000002");
    return new HttpExchange.Response(200)
        .header("ETag", etag)
        .header("x-oss-hash-crc64ecma", Crc64.text(crc))
        .header("Content-MD5", object.contentMd5());
  }

  /** The object {@code x-oss-copy-source} names. */
  private record CopySource(Bucket bucket, String key) {}

  private CopySource copySource(HttpExchange request) {
    String source = request.header("x-oss-copy-source");
    int query = source.indexOf('?');
    String path = QueryParameter.decode(query < 0 ? source : source.substring(0, query));
    int slash = path.indexOf('/', 1);
    if (!path.startsWith("/") || slash < 0 || slash == path.length() - 1) {
      throw new OssError(
          400,
          "InvalidArgument",
          "x-oss-copy-source must be /bucket/key.",
          Xml.element("ArgumentName", "x-oss-copy-source"));
    }
    return new CopySource(buckets.get(path.substring(1, slash)), path.substring(slash + 1));
  }

  /** The copy source, if it meets the request's {@code x-oss-copy-source-if-*} conditions. */
  private static StoredObject checkedCopySource(
      HttpExchange request, StoredObject found, String key) {
    StoredObject object = existing(found, key);
    checkConditions(
        object,
        request.header("x-oss-copy-source-if-match"),
        request.header("x-oss-copy-source-if-none-match"),
        request.header("x-oss-copy-source-if-unmodified-since"),
        request.header("x-oss-copy-source-if-modified-since"));
    return object;
  }

  HttpExchange.Response copy(HttpExchange request, Bucket target, String key) {
    CopySource source = copySource(request);
    // the source's bytes are taken while no write can replace them: in memory the same bytes, on
    // disk a copy in the spool
    StoredObject original =
        source
            .bucket()
            .read(
                source.key(),
                found -> {
                  StoredObject object = checkedCopySource(request, found, source.key());
                  if (buckets.spool() == null) {
                    return object;
                  }
                  return object.withBytes(Received.receive(open(object), buckets.spool()).bytes());
                });
    boolean replace = "REPLACE".equalsIgnoreCase(request.header("x-oss-metadata-directive"));
    StoredObject copy =
        new StoredObject(
            original.bytes(),
            replace ? contentType(request) : original.contentType(),
            replace ? userMetadata(request) : original.metadata(),
            original.etag(),
            original.crc64(),
            original.contentMd5(),
            original.objectType(),
            clock.instant());
    target.store(key, copy, forbidOverwrite(request), "0026-00000002");
    return RequestHandler.xml(
            200,
            "<CopyObjectResult>\n"
                + Xml.element("ETag", copy.etag())
                + Xml.element("LastModified", Dates.ISO.format(copy.lastModified()))
                + "</CopyObjectResult>")
        .header("x-oss-hash-crc64ecma", Crc64.text(copy.crc64()));
  }

  /**
   * UploadPartCopy: the source's bytes in {@code x-oss-copy-source-range} (all of them without
   * one), taken while no write can replace them, become a part of the upload.
   */
  HttpExchange.Response copyPart(HttpExchange request, Upload upload, int number) {
    CopySource source = copySource(request);
    Received received =
        source
            .bucket()
            .read(
                source.key(),
                found -> {
                  StoredObject object = checkedCopySource(request, found, source.key());
                  long size = object.bytes().length();
                  String range = request.header("x-oss-copy-source-range");
                  long[] span = range == null ? new long[] {0, size - 1} : span(range, size, true);
                  if (span == null) {
                    throw invalidRange(size);
                  }
                  return Received.receive(
                      open(object, span[0], span[1] - span[0] + 1), buckets.spool());
                });
    Instant now = clock.instant();
    Upload.Part part = Multipart.uploadPart(upload, number, received, now);
    return RequestHandler.xml(
        200,
        "<CopyPartResult>\n"
            + Xml.element("LastModified", Dates.ISO.format(now))
            + Xml.element("ETag", part.etag())
            + "</CopyPartResult>");
  }

  HttpExchange.Response get(
      HttpExchange request, Bucket bucket, String key, List<QueryParameter> query, boolean head) {
    // looked up and opened in one step, so that an overwrite cannot come between the two
    return bucket.read(key, found -> get(request, existing(found, key), query, head));
  }

  private HttpExchange.Response get(
      HttpExchange request, StoredObject object, List<QueryParameter> query, boolean head) {
    checkConditions(
        object,
        request.header("if-match"),
        request.header("if-none-match"),
        request.header("if-unmodified-since"),
        request.header("if-modified-since"));
    long size = object.bytes().length();
    int status = 200;
    long from = 0;
    long to = size - 1;
    String range = request.header("range");
    boolean standard = "standard".equalsIgnoreCase(request.header("x-oss-range-behavior"));
    if (range != null) {
      long[] span = span(range, size, standard);
      if (span != null) {
        from = span[0];
        to = span[1];
        status = 206;
      }
    }
    HttpExchange.Response response = new HttpExchange.Response(status);
    String contentType = QueryParameter.value(query, "response-content-type", "");
    response
        .header("Content-Type", contentType.isEmpty() ? object.contentType() : contentType)
        .header("ETag", object.etag())
        .header("Last-Modified", Dates.RFC_1123.format(object.lastModified()))
        .header("x-oss-object-type", object.objectType())
        .header("x-oss-storage-class", "Standard")
        .header("x-oss-hash-crc64ecma", Crc64.text(object.crc64()))
        .header("Accept-Ranges", "bytes");
    if (object.contentMd5() != null) {
      response.header("Content-MD5", object.contentMd5());
    }
    object.metadata().forEach(response::header);
    if (status == 206) {
      response.header("Content-Range", "bytes " + from + "-" + to + "/" + size);
    }
    long length = Math.max(0, to - from + 1);
    response.contentLength = length;
    if (!head) {
      try {
        response.stream = object.bytes().open(from, length);
      } catch (java.io.IOException e) {
        throw new OssError(500, "InternalError", "The object could not be read: " + e);
      }
    }
    return response;
  }

  private static java.io.InputStream open(StoredObject object) {
    return open(object, 0, object.bytes().length());
  }

  private static java.io.InputStream open(StoredObject object, long from, long length) {
    try {
      return object.bytes().open(from, length);
    } catch (java.io.IOException e) {
      throw new OssError(500, "InternalError", "The object could not be read: " + e);
    }
  }

  HttpExchange.Response deleteMultiple(HttpExchange request, Bucket bucket) {
    if (request.header("content-md5") == null) {
      throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
    }
    checkedMd5(request, Multipart.md5(request.body()));
    Element root = RequestXml.parse(request.body(), "Delete");
    List<Element> objects = RequestXml.children(root, "Object");
    if (objects.isEmpty() || objects.size() > 1000) {
      throw RequestXml.malformed();
    }
    boolean quiet =
        RequestXml.children(root, "Quiet").stream()
            .anyMatch(q -> q.getTextContent().trim().equalsIgnoreCase("true"));
    StringBuilder result = new StringBuilder("<DeleteResult>\n");
    for (Element object : objects) {
      String key = RequestXml.text(object, "Key");
      bucket.remove(key);
      result.append("  <Deleted>").append(Xml.element("Key", key).trim()).append("</Deleted>\n");
    }
    return quiet
        ? new HttpExchange.Response(200)
        : RequestHandler.xml(200, result.append("</DeleteResult>").toString());
  }

  private static StoredObject existing(StoredObject object, String key) {
    if (object == null) {
      throw new OssError(
          404, "NoSuchKey", "The specified key does not exist.", Xml.element("Key", key));
    }
    return object;
  }

  /**
   * Returns {first, last} of a satisfiable single range; null to serve the whole object (legacy
   * behaviour for a range it ignores); throws InvalidRange where OSS does.
   */
  private static long[] span(String range, long size, boolean standard) {
    Matcher matcher = SINGLE_RANGE.matcher(range.trim());
    if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
      if (standard) {
        throw invalidRange(size);
      }
      return null;
    }
    if (matcher.group(1).isEmpty()) {
      long suffix = Long.parseLong(matcher.group(2));
      if (suffix == 0) {
        throw invalidRange(size);
      }
      if (suffix > size) {
        return standard && size > 0 ? new long[] {0, size - 1} : null;
      }
      return new long[] {size - suffix, size - 1};
    }
    long first = Long.parseLong(matcher.group(1));
    long last = matcher.group(2).isEmpty() ? size - 1 : Long.parseLong(matcher.group(2));
    if (first >= size || last < first) {
      if (standard) {
        throw invalidRange(size);
      }
      return null;
    }
    if (last >= size) {
      return standard ? new long[] {first, size - 1} : null;
    }
    return new long[] {first, last};
  }

  private static OssError invalidRange(long size) {
    return new OssError(
        416,
        "InvalidRange",
        "The requested range cannot be satisfied",
        Xml.element("ObjectSize", String.valueOf(size)));
  }

  private static void checkConditions(
      StoredObject object,
      String ifMatch,
      String ifNoneMatch,
      String ifUnmodifiedSince,
      String ifModifiedSince) {
    if (ifMatch != null && !etagListContains(ifMatch, object.etag())) {
      throw new OssError(412, "PreconditionFailed", "Precondition Failed");
    }
    if (ifNoneMatch != null && etagListContains(ifNoneMatch, object.etag())) {
      throw new OssError(304, "NotModified", "Not Modified");
    }
    Instant modified = object.lastModified().truncatedTo(ChronoUnit.SECONDS);
    if (ifUnmodifiedSince != null && modified.isAfter(Dates.parseRfc1123(ifUnmodifiedSince))) {
      throw new OssError(412, "PreconditionFailed", "Precondition Failed");
    }
    if (ifModifiedSince != null && !modified.isAfter(Dates.parseRfc1123(ifModifiedSince))) {
      throw new OssError(304, "NotModified", "Not Modified");
    }
  }

  private static boolean etagListContains(String list, String etag) {
    for (String candidate : list.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.equals("*")
          || trimmed.replace("\"", "").equalsIgnoreCase(etag.replace("\"", ""))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the body's MD5, after checking a given Content-MD5 against it; a body that fails is
   * discarded.
   */
  static byte[] checkedMd5(HttpExchange request, Received received) {
    try {
      return checkedMd5(request, received.md5());
    } catch (OssError e) {
      received.bytes().discard();
      throw e;
    }
  }

  /** Returns the MD5, after checking a given Content-MD5 against it. */
  static byte[] checkedMd5(HttpExchange request, byte[] md5) {
    String givenMd5 = request.header("content-md5");
    if (givenMd5 != null) {
      byte[] given;
      try {
        given = Base64.getDecoder().decode(givenMd5.trim());
      } catch (IllegalArgumentException e) {
        throw new OssError(
            400,
            "InvalidDigest",
            "The Content-MD5 you specified was invalid.",
            Xml.element("EC", "0017-00000502"));
      }
      if (!MessageDigest.isEqual(given, md5)) {
        throw new OssError(
            400,
            "InvalidDigest",
            "The Content-MD5 you specified was invalid.",
            Xml.element("EC", "0017-00000503"));
      }
    }
    return md5;
  }

  static Map<String, String> userMetadata(HttpExchange request) {
    Map<String, String> metadata = new TreeMap<>();
    request.headers.forEach(
        (name, value) -> {
          if (name.startsWith("x-oss-meta-")) {
            metadata.put(name, value);
          }
        });
    return metadata;
  }

  static String contentType(HttpExchange request) {
    String type = request.header("content-type");
    return type == null || type.isEmpty() ? "application/octet-stream" : type;
  }

  static boolean forbidOverwrite(HttpExchange request) {
    return "true".equalsIgnoreCase(request.header("x-oss-forbid-overwrite"));
  }
}
