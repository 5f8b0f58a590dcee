package dev.stowage.oss.server;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Answers one request: find the bucket (path-style or virtual-host), authenticate, name the
 * operation, apply an armed fault, and run it. One per connection.
 */
final class RequestHandler {
  private static final int MAX_KEY_BYTES = 1_023;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ALIYUN_ENDPOINT = Pattern.compile("oss-[a-z0-9-]+\\.aliyuncs\\.com");
  private static final Set<String> SERVED_SUB_RESOURCES =
      Set.of(
          "objectMeta", "acl", "delete", "uploads", "uploadId", "partNumber", "continuation-token");

  private final Buckets buckets;
  private final Authenticator authenticator;
  private final Faults faults;
  private final RequestCounts counts;
  private final CountDownLatch stopped;
  private final Set<String> domains;
  private final Clock clock;
  private final ObjectOperations objects;

  RequestHandler(
      Buckets buckets,
      Authenticator authenticator,
      Faults faults,
      RequestCounts counts,
      CountDownLatch stopped,
      Set<String> domains,
      Clock clock) {
    this.buckets = buckets;
    this.authenticator = authenticator;
    this.faults = faults;
    this.counts = counts;
    this.stopped = stopped;
    this.domains = domains;
    this.clock = clock;
    this.objects = new ObjectOperations(buckets, clock);
  }

  HttpExchange.Response handle(HttpExchange request) {
    String requestId = requestId();
    boolean head = request.method.equals("HEAD");
    HttpExchange.Response response;
    try {
      response = route(request);
    } catch (OssError e) {
      response = e.toResponse(requestId, head);
    } catch (IllegalArgumentException e) {
      response = new OssError(400, "InvalidArgument", e.getMessage()).toResponse(requestId, head);
    }
    response
        .header("x-oss-request-id", requestId)
        .header("Date", Dates.RFC_1123.format(clock.instant()))
        .header("Server", "AliyunOSS");
    response.headOnly = head;
    return response;
  }

  private HttpExchange.Response route(HttpExchange request) {
    List<QueryParameter> query = QueryParameter.parse(request.rawQuery);
    if (!request.rawPath.startsWith("/")) {
      throw new OssError(400, "InvalidArgument", "The request path must start with '/'.");
    }
    String path = request.rawPath.substring(1);
    String bucketName = virtualHostBucket(request.header("host"));
    String key;
    if (bucketName == null) {
      int slash = path.indexOf('/');
      bucketName = QueryParameter.decode(slash < 0 ? path : path.substring(0, slash));
      key = slash < 0 ? "" : QueryParameter.decode(path.substring(slash + 1));
    } else {
      key = QueryParameter.decode(path);
    }
    String resource = bucketName.isEmpty() ? "/" : "/" + bucketName + "/" + key;
    authenticator.authenticate(request, resource, query);
    for (QueryParameter parameter : query) {
      if (SignatureV1.SUB_RESOURCES.contains(parameter.name())
          && !SERVED_SUB_RESOURCES.contains(parameter.name())
          && !parameter.name().startsWith("response-")) {
        throw notImplemented("the '" + parameter.name() + "' sub-resource");
      }
    }
    OssOperation operation = operation(request, bucketName, key, query);
    refuseUnemulatedHeaders(request);
    counts.count(operation);
    Fault fault =
        faults.take(operation, key.isEmpty() ? QueryParameter.value(query, "prefix", "") : key);
    if (fault == null) {
      return run(operation, request, bucketName, key, query);
    }
    switch (fault.kind()) {
      case ERROR:
        throw new OssError(
            fault.status(), fault.code(), "This error was injected by a test fault.");
      case RESET_BEFORE:
        HttpExchange.Response reset = new HttpExchange.Response(500);
        reset.reset = true;
        return reset;
      case STALL:
        try {
          // waits out the delay, or less if the server stops meanwhile
          stopped.await(fault.delay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return run(operation, request, bucketName, key, query);
      default:
        HttpExchange.Response response = run(operation, request, bucketName, key, query);
        response.reset = fault.kind() == Fault.Kind.RESET_AFTER;
        response.truncateAt = fault.kind() == Fault.Kind.TRUNCATE_BODY ? fault.atByte() : -1;
        response.corruptAt = fault.kind() == Fault.Kind.CORRUPT_BODY ? fault.atByte() : -1;
        return response;
    }
  }

  /**
   * Answers NotImplemented for request headers whose effect the server does not emulate, rather
   * than storing an object without it.
   */
  private static void refuseUnemulatedHeaders(HttpExchange request) {
    for (String header :
        List.of("x-oss-server-side-encryption", "x-oss-callback", "x-oss-tagging")) {
      if (request.header(header) != null) {
        throw notImplemented("the " + header + " header");
      }
    }
    String storageClass = request.header("x-oss-storage-class");
    if (storageClass != null && !storageClass.equalsIgnoreCase("Standard")) {
      throw notImplemented("storage classes other than Standard");
    }
  }

  /**
   * Returns the bucket a virtual-host name carries ({@code bucket.localhost}, {@code
   * bucket.oss-cn-hangzhou.aliyuncs.com}, or {@code bucket.} one of the configured domains); null
   * for path-style addressing.
   */
  private String virtualHostBucket(String hostHeader) {
    if (hostHeader == null || hostHeader.startsWith("[")) {
      return null;
    }
    int colon = hostHeader.lastIndexOf(':');
    String host =
        (colon < 0 ? hostHeader : hostHeader.substring(0, colon)).toLowerCase(Locale.ROOT);
    int dot = host.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String domain = host.substring(dot + 1);
    boolean known = domains.contains(domain) || ALIYUN_ENDPOINT.matcher(domain).matches();
    return known && !domains.contains(host) && !ALIYUN_ENDPOINT.matcher(host).matches()
        ? host.substring(0, dot)
        : null;
  }

  private static OssOperation operation(
      HttpExchange request, String bucket, String key, List<QueryParameter> query) {
    boolean uploadId = QueryParameter.value(query, "uploadId", null) != null;
    boolean uploads = QueryParameter.value(query, "uploads", null) != null;
    if (bucket.isEmpty()) {
      throw notImplemented("ListBuckets and other service-level operations");
    }
    if (key.isEmpty()) {
      return switch (request.method) {
        case "PUT" -> OssOperation.PUT_BUCKET;
        case "DELETE" -> OssOperation.DELETE_BUCKET;
        case "HEAD" -> OssOperation.HEAD_BUCKET;
        case "GET" -> {
          if (QueryParameter.value(query, "acl", null) != null) {
            yield OssOperation.GET_BUCKET_ACL;
          }
          if (uploads) {
            yield OssOperation.LIST_MULTIPART_UPLOADS;
          }
          yield "2".equals(QueryParameter.value(query, "list-type", ""))
              ? OssOperation.LIST_OBJECTS_V2
              : OssOperation.LIST_OBJECTS;
        }
        case "POST" -> {
          if (QueryParameter.value(query, "delete", null) == null) {
            throw notImplemented("POST on a bucket without ?delete (PostObject)");
          }
          yield OssOperation.DELETE_MULTIPLE_OBJECTS;
        }
        default -> throw notImplemented(request.method + " on a bucket");
      };
    }
    boolean copy = request.header("x-oss-copy-source") != null;
    return switch (request.method) {
      case "PUT" -> {
        if (uploadId && copy) {
          yield OssOperation.UPLOAD_PART_COPY;
        }
        yield uploadId
            ? OssOperation.UPLOAD_PART
            : copy ? OssOperation.COPY_OBJECT : OssOperation.PUT_OBJECT;
      }
      case "GET" -> uploadId ? OssOperation.LIST_PARTS : OssOperation.GET_OBJECT;
      case "HEAD" ->
          QueryParameter.value(query, "objectMeta", null) != null
              ? OssOperation.GET_OBJECT_META
              : OssOperation.HEAD_OBJECT;
      case "POST" -> {
        if (uploads) {
          yield OssOperation.INITIATE_MULTIPART_UPLOAD;
        }
        if (uploadId) {
          yield OssOperation.COMPLETE_MULTIPART_UPLOAD;
        }
        throw notImplemented(
            "POST on an object without ?uploads or ?uploadId (AppendObject, PostObject)");
      }
      case "DELETE" -> uploadId ? OssOperation.ABORT_MULTIPART_UPLOAD : OssOperation.DELETE_OBJECT;
      default -> throw notImplemented(request.method + " on an object");
    };
  }

  private HttpExchange.Response run(
      OssOperation operation,
      HttpExchange request,
      String bucketName,
      String key,
      List<QueryParameter> query) {
    if (operation == OssOperation.PUT_BUCKET) {
      return putBucket(bucketName);
    }
    Bucket bucket = buckets.get(bucketName);
    if (!key.isEmpty()) {
      checkKey(key);
    }
    String uploadId = QueryParameter.value(query, "uploadId", null);
    return switch (operation) {
      case PUT_BUCKET -> throw new IllegalStateException("handled above");
      case DELETE_BUCKET -> {
        buckets.delete(bucket);
        yield new HttpExchange.Response(204);
      }
      case HEAD_BUCKET -> new HttpExchange.Response(200);
      case GET_BUCKET_ACL ->
          xml(
              200,
              "<AccessControlPolicy><Owner><ID>stowage</ID><DisplayName>stowage</DisplayName></Owner>"
                  + "<AccessControlList><Grant>private</Grant></AccessControlList></AccessControlPolicy>");
      case LIST_OBJECTS -> xml(200, Listing.listObjects(bucket, query));
      case LIST_OBJECTS_V2 -> xml(200, Listing.listObjectsV2(bucket, query));
      case LIST_MULTIPART_UPLOADS -> xml(200, Listing.listMultipartUploads(bucket, query));
      case DELETE_MULTIPLE_OBJECTS -> objects.deleteMultiple(request, bucket);
      case PUT_OBJECT -> objects.put(request, bucket, key);
      case COPY_OBJECT -> objects.copy(request, bucket, key);
      case GET_OBJECT -> objects.get(request, bucket, key, query, false);
      case HEAD_OBJECT, GET_OBJECT_META -> objects.get(request, bucket, key, query, true);
      case DELETE_OBJECT -> {
        bucket.remove(key);
        yield new HttpExchange.Response(204);
      }
      case INITIATE_MULTIPART_UPLOAD ->
          xml(
              200,
              Multipart.initiate(
                  bucket,
                  key,
                  HexFormat.of().withUpperCase().formatHex(randomBytes(16)),
                  clock.instant(),
                  ObjectOperations.contentType(request),
                  ObjectOperations.userMetadata(request),
                  ObjectOperations.forbidOverwrite(request)));
      case UPLOAD_PART -> uploadPart(request, bucket, key, uploadId, query);
      case UPLOAD_PART_COPY ->
          objects.copyPart(
              request,
              Multipart.upload(bucket, key, uploadId),
              Multipart.partNumber(QueryParameter.value(query, "partNumber", null)));
      case COMPLETE_MULTIPART_UPLOAD -> complete(request, bucket, key, uploadId);
      case ABORT_MULTIPART_UPLOAD -> {
        Multipart.abort(bucket, key, uploadId);
        yield new HttpExchange.Response(204);
      }
      case LIST_PARTS ->
          xml(200, Listing.listParts(Multipart.upload(bucket, key, uploadId), bucket.name, query));
    };
  }

  private HttpExchange.Response putBucket(String name) {
    if (!name.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
      throw new OssError(
          400,
          "InvalidBucketName",
          "The specified bucket is not valid.",
          Xml.element("BucketName", name));
    }
    buckets.create(name);
    return new HttpExchange.Response(200);
  }

  private HttpExchange.Response uploadPart(
      HttpExchange request,
      Bucket bucket,
      String key,
      String uploadId,
      List<QueryParameter> query) {
    Upload upload = Multipart.upload(bucket, key, uploadId);
    int number = Multipart.partNumber(QueryParameter.value(query, "partNumber", null));
    Received received = Received.receive(request.bodyStream(), buckets.spool());
    byte[] md5 = ObjectOperations.checkedMd5(request, received);
    Upload.Part part = Multipart.uploadPart(upload, number, received, clock.instant());
    return new HttpExchange.Response(200)
        .header("ETag", part.etag())
        .header("x-oss-hash-crc64ecma", Crc64.text(part.crc64()))
        .header("Content-MD5", java.util.Base64.getEncoder().encodeToString(md5));
  }

  private HttpExchange.Response complete(
      HttpExchange request, Bucket bucket, String key, String uploadId) {
    StoredObject object =
        Multipart.complete(
            bucket,
            key,
            uploadId,
            request.body(),
            ObjectOperations.forbidOverwrite(request),
            clock.instant(),
            buckets.spool());
    String host = request.header("host");
    return xml(
            200,
            "<CompleteMultipartUploadResult>\n"
                + Xml.element(
                    "Location",
                    "http://" + (host == null ? "127.0.0.1" : host) + "/" + bucket.name + "/" + key)
                + Xml.element("Bucket", bucket.name)
                + Xml.element("Key", key)
                + Xml.element("ETag", object.etag())
                + "</CompleteMultipartUploadResult>")
        .header("ETag", object.etag())
        .header("x-oss-hash-crc64ecma", Crc64.text(object.crc64()));
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

  static HttpExchange.Response xml(int status, String body) {
    HttpExchange.Response response =
        new HttpExchange.Response(status).header("Content-Type", "application/xml");
    response.body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).getBytes(StandardCharsets.UTF_8);
    return response;
  }

  private static OssError notImplemented(String what) {
    return new OssError(501, "NotImplemented", "This server does not implement " + what + ".");
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
