package dev.stowage.oss.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Answers one request: authenticate, route, and run the operation. One per connection. */
final class RequestHandler {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final Pattern V1_AUTHORIZATION = Pattern.compile("OSS ([^:]+):(.+)");
  private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final int MAX_KEY_BYTES = 1_023;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final java.util.Set<String> SERVED_SUB_RESOURCES =
      java.util.Set.of(
          "objectMeta", "acl", "delete", "uploads", "uploadId", "partNumber", "continuation-token");

  private final ConcurrentHashMap<String, Bucket> buckets;
  private final String accessKeyId;
  private final String secret;
  private final Clock clock;

  RequestHandler(
      ConcurrentHashMap<String, Bucket> buckets, String accessKeyId, String secret, Clock clock) {
    this.buckets = buckets;
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.clock = clock;
  }

  HttpExchange.Response handle(HttpExchange request) {
    String requestId = requestId();
    boolean head = request.method.equals("HEAD");
    try {
      HttpExchange.Response response = route(request);
      response
          .header("x-oss-request-id", requestId)
          .header("Date", RFC_1123.format(clock.instant()))
          .header("Server", "AliyunOSS");
      response.headOnly = head;
      return response;
    } catch (OssError e) {
      return e.toResponse(requestId, head);
    } catch (IllegalArgumentException e) {
      return new OssError(400, "InvalidArgument", e.getMessage()).toResponse(requestId, head);
    }
  }

  private HttpExchange.Response route(HttpExchange request) {
    List<QueryParameter> query = QueryParameter.parse(request.rawQuery);
    if (!request.rawPath.startsWith("/")) {
      throw new OssError(400, "InvalidArgument", "The request path must start with '/'.");
    }
    String path = request.rawPath.substring(1);
    int slash = path.indexOf('/');
    String bucketName = QueryParameter.decode(slash < 0 ? path : path.substring(0, slash));
    String key = slash < 0 ? "" : QueryParameter.decode(path.substring(slash + 1));
    String resource = bucketName.isEmpty() ? "/" : "/" + bucketName + "/" + key;
    authenticate(request, resource, query);
    if (bucketName.isEmpty()) {
      throw notImplemented("ListBuckets");
    }
    for (QueryParameter parameter : query) {
      if (SignatureV1.SUB_RESOURCES.contains(parameter.name())
          && !SERVED_SUB_RESOURCES.contains(parameter.name())
          && !parameter.name().startsWith("response-")) {
        throw notImplemented("the '" + parameter.name() + "' sub-resource");
      }
    }
    if (key.isEmpty()) {
      return bucketOperation(request, bucketName, query);
    }
    Bucket bucket = bucket(bucketName);
    checkKey(key);
    String uploadId = QueryParameter.value(query, "uploadId", null);
    boolean uploads = QueryParameter.value(query, "uploads", null) != null;
    return switch (request.method) {
      case "PUT" -> {
        if (request.header("x-oss-copy-source") != null) {
          throw notImplemented("CopyObject");
        }
        yield uploadId != null
            ? uploadPart(request, bucket, key, uploadId, query)
            : putObject(request, bucket, key);
      }
      case "GET", "HEAD" -> {
        if (uploadId != null) {
          throw notImplemented("ListParts");
        }
        yield getObject(request, bucket, key, query, request.method.equals("HEAD"));
      }
      case "POST" -> {
        if (uploads) {
          String id = HexFormat.of().withUpperCase().formatHex(randomBytes(16));
          yield xml(
              200,
              Multipart.initiate(
                  bucket,
                  key,
                  id,
                  clock.instant(),
                  contentType(request),
                  userMetadata(request),
                  "true".equalsIgnoreCase(request.header("x-oss-forbid-overwrite"))));
        }
        if (uploadId != null) {
          StoredObject object =
              Multipart.complete(
                  bucket,
                  key,
                  uploadId,
                  request.body,
                  "true".equalsIgnoreCase(request.header("x-oss-forbid-overwrite")),
                  clock.instant());
          yield xml(
                  200,
                  "<CompleteMultipartUploadResult>\n"
                      + Xml.element("Location", "http://127.0.0.1/" + bucket.name + "/" + key)
                      + Xml.element("Bucket", bucket.name)
                      + Xml.element("Key", key)
                      + Xml.element("ETag", object.etag())
                      + "</CompleteMultipartUploadResult>")
              .header("ETag", object.etag())
              .header("x-oss-hash-crc64ecma", Crc64.text(object.crc64()));
        }
        throw notImplemented(
            "POST on an object without ?uploads or ?uploadId (AppendObject, PostObject)");
      }
      case "DELETE" -> {
        if (uploadId != null) {
          Multipart.abort(bucket, key, uploadId);
        } else {
          bucket.objects.remove(key);
        }
        yield new HttpExchange.Response(204);
      }
      default -> throw notImplemented(request.method + " on an object");
    };
  }

  private HttpExchange.Response bucketOperation(
      HttpExchange request, String name, List<QueryParameter> query) {
    boolean acl = query.stream().anyMatch(p -> p.name().equals("acl"));
    switch (request.method) {
      case "PUT":
        if (!name.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
          throw new OssError(
              400,
              "InvalidBucketName",
              "The specified bucket is not valid.",
              Xml.element("BucketName", name));
        }
        buckets.putIfAbsent(name, new Bucket(name));
        return new HttpExchange.Response(200);
      case "DELETE":
        Bucket bucket = bucket(name);
        if (!bucket.objects.isEmpty()) {
          throw new OssError(
              409,
              "BucketNotEmpty",
              "The bucket has objects. Please delete them first.",
              Xml.element("BucketName", name));
        }
        buckets.remove(name);
        return new HttpExchange.Response(204);
      case "GET":
        bucket(name);
        if (acl) {
          return xml(
              200,
              "<AccessControlPolicy><Owner><ID>stowage</ID><DisplayName>stowage</DisplayName></Owner>"
                  + "<AccessControlList><Grant>private</Grant></AccessControlList></AccessControlPolicy>");
        }
        if (QueryParameter.value(query, "uploads", null) != null) {
          throw notImplemented("ListMultipartUploads");
        }
        if (!"2".equals(QueryParameter.value(query, "list-type", ""))) {
          throw notImplemented("ListObjects (version 1); use ListObjectsV2");
        }
        return xml(200, Listing.listObjectsV2(buckets.get(name), query));
      case "POST":
        if (QueryParameter.value(query, "delete", null) == null) {
          throw notImplemented("POST on a bucket without ?delete");
        }
        return deleteMultiple(request, bucket(name));
      default:
        throw notImplemented(request.method + " on a bucket");
    }
  }

  private HttpExchange.Response putObject(HttpExchange request, Bucket bucket, String key) {
    if (request.header("content-length") == null
        && !"chunked".equalsIgnoreCase(request.header("transfer-encoding"))) {
      throw new OssError(
          411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    }
    byte[] content = request.body;
    byte[] md5 = checkedMd5(request);
    String etag = "\"" + HexFormat.of().withUpperCase().formatHex(md5) + "\"";
    long crc = Crc64.of(content);
    StoredObject object =
        new StoredObject(
            content,
            contentType(request),
            userMetadata(request),
            etag,
            crc,
            Base64.getEncoder().encodeToString(md5),
            "Normal",
            clock.instant());
    bucket.store(
        key,
        object,
        "true".equalsIgnoreCase(request.header("x-oss-forbid-overwrite")),
        "0026-00000002");
    return new HttpExchange.Response(200)
        .header("ETag", etag)
        .header("x-oss-hash-crc64ecma", Crc64.text(crc))
        .header("Content-MD5", object.contentMd5());
  }

  private HttpExchange.Response uploadPart(
      HttpExchange request,
      Bucket bucket,
      String key,
      String uploadId,
      List<QueryParameter> query) {
    byte[] md5 = checkedMd5(request);
    Upload.Part part =
        Multipart.uploadPart(
            bucket, key, uploadId, QueryParameter.value(query, "partNumber", null), request.body);
    return new HttpExchange.Response(200)
        .header("ETag", part.etag())
        .header("x-oss-hash-crc64ecma", Crc64.text(part.crc64()))
        .header("Content-MD5", Base64.getEncoder().encodeToString(md5));
  }

  private HttpExchange.Response deleteMultiple(HttpExchange request, Bucket bucket) {
    if (request.header("content-md5") == null) {
      throw new OssError(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
    }
    checkedMd5(request);
    org.w3c.dom.Element root = RequestXml.parse(request.body, "Delete");
    List<org.w3c.dom.Element> objects = RequestXml.children(root, "Object");
    if (objects.isEmpty() || objects.size() > 1000) {
      throw RequestXml.malformed();
    }
    boolean quiet =
        RequestXml.children(root, "Quiet").stream()
            .anyMatch(q -> q.getTextContent().trim().equalsIgnoreCase("true"));
    StringBuilder result = new StringBuilder("<DeleteResult>\n");
    for (org.w3c.dom.Element object : objects) {
      String key = RequestXml.text(object, "Key");
      bucket.objects.remove(key);
      result.append("  <Deleted>").append(Xml.element("Key", key).trim()).append("</Deleted>\n");
    }
    return quiet
        ? new HttpExchange.Response(200)
        : xml(200, result.append("</DeleteResult>").toString());
  }

  /** Returns the body's MD5, after checking a given Content-MD5 against it. */
  private static byte[] checkedMd5(HttpExchange request) {
    byte[] md5 = md5(request.body);
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

  private static Map<String, String> userMetadata(HttpExchange request) {
    Map<String, String> metadata = new TreeMap<>();
    request.headers.forEach(
        (name, value) -> {
          if (name.startsWith("x-oss-meta-")) {
            metadata.put(name, value);
          }
        });
    return metadata;
  }

  private static String contentType(HttpExchange request) {
    String type = request.header("content-type");
    return type == null || type.isEmpty() ? "application/octet-stream" : type;
  }

  private HttpExchange.Response getObject(
      HttpExchange request, Bucket bucket, String key, List<QueryParameter> query, boolean head) {
    StoredObject object = bucket.objects.get(key);
    if (object == null) {
      throw new OssError(
          404, "NoSuchKey", "The specified key does not exist.", Xml.element("Key", key));
    }
    conditions(request, object);
    byte[] content = object.content();
    int status = 200;
    int from = 0;
    int to = content.length - 1;
    String range = request.header("range");
    boolean standard = "standard".equalsIgnoreCase(request.header("x-oss-range-behavior"));
    if (range != null) {
      long[] span = span(range, content.length, standard);
      if (span != null) {
        from = (int) span[0];
        to = (int) span[1];
        status = 206;
      }
    }
    HttpExchange.Response response = new HttpExchange.Response(status);
    response
        .header("Content-Type", contentTypeOverride(query, object.contentType()))
        .header("ETag", object.etag())
        .header("Last-Modified", RFC_1123.format(object.lastModified()))
        .header("x-oss-object-type", object.objectType())
        .header("x-oss-storage-class", "Standard")
        .header("x-oss-hash-crc64ecma", Crc64.text(object.crc64()))
        .header("Accept-Ranges", "bytes");
    if (object.contentMd5() != null) {
      response.header("Content-MD5", object.contentMd5());
    }
    object.metadata().forEach(response::header);
    if (status == 206) {
      response.header("Content-Range", "bytes " + from + "-" + to + "/" + content.length);
    }
    int length = Math.max(0, to - from + 1);
    if (head) {
      response.contentLength = length;
    } else {
      byte[] body = new byte[length];
      System.arraycopy(content, from, body, 0, length);
      response.body = body;
    }
    return response;
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
    if (first >= size) {
      if (standard) {
        throw invalidRange(size);
      }
      return null;
    }
    if (last < first) {
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

  private void conditions(HttpExchange request, StoredObject object) {
    String ifMatch = request.header("if-match");
    if (ifMatch != null && !etagListContains(ifMatch, object.etag())) {
      throw new OssError(412, "PreconditionFailed", "Precondition Failed");
    }
    String ifNoneMatch = request.header("if-none-match");
    if (ifNoneMatch != null && etagListContains(ifNoneMatch, object.etag())) {
      throw new OssError(304, "NotModified", "Not Modified");
    }
    Instant modified = object.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String ifUnmodifiedSince = request.header("if-unmodified-since");
    if (ifUnmodifiedSince != null && modified.isAfter(parseDate(ifUnmodifiedSince))) {
      throw new OssError(412, "PreconditionFailed", "Precondition Failed");
    }
    String ifModifiedSince = request.header("if-modified-since");
    if (ifModifiedSince != null && !modified.isAfter(parseDate(ifModifiedSince))) {
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

  private void authenticate(HttpExchange request, String resource, List<QueryParameter> query) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw new OssError(403, "AccessDenied", "Anonymous access is forbidden for this operation.");
    }
    if (authorization.startsWith("OSS4-HMAC-SHA256")) {
      throw notImplemented("signature version 4 (use V1 with this server version)");
    }
    Matcher v1 = V1_AUTHORIZATION.matcher(authorization);
    if (!v1.matches()) {
      throw new OssError(400, "InvalidArgument", "Authorization header is invalid.");
    }
    String date = request.header("date");
    if (date == null) {
      throw new OssError(403, "AccessDenied", "OSS authentication requires a valid Date.");
    }
    Instant requestTime;
    try {
      requestTime = parseDate(date);
    } catch (IllegalArgumentException e) {
      throw new OssError(403, "AccessDenied", "OSS authentication requires a valid Date.");
    }
    Instant now = clock.instant();
    if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new OssError(
          403,
          "RequestTimeTooSkewed",
          "The difference between the request time and the current time is too large.",
          Xml.element("RequestTime", requestTime.toString())
              + Xml.element("ServerTime", now.toString())
              + Xml.element("MaxAllowedSkewMilliseconds", "900000"));
    }
    if (!v1.group(1).equals(accessKeyId)) {
      throw new OssError(
          403,
          "InvalidAccessKeyId",
          "The OSS Access Key Id you provided does not exist in our records.",
          Xml.element("OSSAccessKeyId", v1.group(1)));
    }
    byte[] stringToSign = SignatureV1.stringToSign(request, resource, query);
    if (!SignatureV1.matches(stringToSign, secret, v1.group(2))) {
      throw new OssError(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
          Xml.element("StringToSign", new String(stringToSign, StandardCharsets.UTF_8))
              + Xml.element("OSSAccessKeyId", v1.group(1)));
    }
  }

  private Bucket bucket(String name) {
    Bucket bucket = buckets.get(name);
    if (bucket == null) {
      throw new OssError(
          404,
          "NoSuchBucket",
          "The specified bucket does not exist.",
          Xml.element("BucketName", name));
    }
    return bucket;
  }

  private static void checkKey(String key) {
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw new OssError(
          400,
          "InvalidObjectName",
          "The Length of Object name must be less than 1024.",
          Xml.element("EC", "0016-00000002"));
    }
    if (key.startsWith("/") || key.startsWith("\\")) {
      throw new OssError(
          400,
          "InvalidObjectName",
          "Object name must not start with '/' or '\\'.",
          Xml.element("EC", "0016-00000005"));
    }
  }

  private static Instant parseDate(String text) {
    try {
      return ZonedDateTime.parse(text.trim(), RFC_1123).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an RFC 1123 date: " + text);
    }
  }

  private static String contentTypeOverride(List<QueryParameter> query, String stored) {
    String override = QueryParameter.value(query, "response-content-type", "");
    return override.isEmpty() ? stored : override;
  }

  private static HttpExchange.Response xml(int status, String body) {
    HttpExchange.Response response =
        new HttpExchange.Response(status).header("Content-Type", "application/xml");
    response.body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).getBytes(StandardCharsets.UTF_8);
    return response;
  }

  private static OssError notImplemented(String what) {
    return new OssError(501, "NotImplemented", "This server does not implement " + what + " yet.");
  }

  private static byte[] md5(byte[] content) {
    return Multipart.md5(content);
  }

  private static String requestId() {
    return HexFormat.of().withUpperCase().formatHex(randomBytes(12));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
