package dev.stowage.oss.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.w3c.dom.Element;

/** Initiate, UploadPart, Complete and Abort, with OSS's checks and its CRC-64 of the whole. */
final class Multipart {
  private static final int MIN_PART = 102_400;

  private Multipart() {}

  static String initiate(
      Bucket bucket,
      String key,
      String uploadId,
      Instant now,
      String contentType,
      Map<String, String> metadata,
      boolean forbidOverwrite) {
    bucket.uploads.put(
        uploadId,
        new Upload(
            key,
            uploadId,
            now,
            contentType,
            metadata,
            forbidOverwrite,
            new ConcurrentSkipListMap<>()));
    return "<InitiateMultipartUploadResult>\n"
        + Xml.element("Bucket", bucket.name)
        + Xml.element("Key", key)
        + Xml.element("UploadId", uploadId)
        + "</InitiateMultipartUploadResult>";
  }

  /** Checks a part number, 1 to 10,000. */
  static int partNumber(String partNumber) {
    int number;
    try {
      number = Integer.parseInt(partNumber == null ? "" : partNumber);
    } catch (NumberFormatException e) {
      number = 0;
    }
    if (number < 1 || number > 10_000) {
      throw new OssError(
          400,
          "InvalidArgument",
          "Part number must be an integer between 1 and 10000, inclusive.",
          Xml.element("ArgumentName", "PartNumber")
              + Xml.element("ArgumentValue", String.valueOf(partNumber)));
    }
    return number;
  }

  /** Keeps a part as received, replacing (and discarding) one of the same number. */
  static Upload.Part uploadPart(Upload upload, int number, Received received, Instant now) {
    byte[] md5 = received.md5();
    Upload.Part part =
        new Upload.Part(
            received.bytes(),
            "\"" + HexFormat.of().withUpperCase().formatHex(md5) + "\"",
            md5,
            received.crc64(),
            now);
    Upload.Part replaced = upload.parts().put(number, part);
    if (replaced != null) {
      replaced.bytes().discard();
    }
    return part;
  }

  /** Returns the assembled object, after OSS's checks; the upload ends. */
  static StoredObject complete(
      Bucket bucket,
      String key,
      String uploadId,
      byte[] body,
      boolean forbidOverwrite,
      Instant now,
      ObjectDirectory spool) {
    Upload upload = upload(bucket, key, uploadId);
    Element root = RequestXml.parse(body, "CompleteMultipartUpload");
    List<Element> parts = RequestXml.children(root, "Part");
    if (parts.isEmpty()) {
      throw RequestXml.malformed();
    }
    List<Upload.Part> chosen = new ArrayList<>();
    ByteArrayOutputStream md5s = new ByteArrayOutputStream();
    int previous = 0;
    for (int i = 0; i < parts.size(); i++) {
      int number;
      try {
        number = Integer.parseInt(RequestXml.text(parts.get(i), "PartNumber").trim());
      } catch (NumberFormatException e) {
        throw RequestXml.malformed();
      }
      if (number <= previous) {
        throw new OssError(
            400,
            "InvalidPartOrder",
            "The list of parts was not in ascending order. Parts list must specified in order by part number.");
      }
      previous = number;
      Upload.Part part = upload.parts().get(number);
      String etag = RequestXml.text(parts.get(i), "ETag").replace("\"", "").trim();
      if (part == null || !part.etag().replace("\"", "").equalsIgnoreCase(etag)) {
        throw new OssError(
            400,
            "InvalidPart",
            "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
            Xml.element("PartNumber", String.valueOf(number)));
      }
      if (i < parts.size() - 1 && part.bytes().length() < MIN_PART) {
        throw new OssError(
            400,
            "EntityTooSmall",
            "Your proposed upload smaller than the minimum allowed size.",
            Xml.element("PartNumber", String.valueOf(number)) + Xml.element("EC", "0042-00000213"));
      }
      chosen.add(part);
      md5s.writeBytes(part.md5());
    }
    Received joined = Received.receive(join(chosen), spool);
    String etag =
        "\""
            + HexFormat.of().withUpperCase().formatHex(md5(md5s.toByteArray()))
            + "-"
            + parts.size()
            + "\"";
    StoredObject object =
        new StoredObject(
            joined.bytes(),
            upload.contentType(),
            upload.metadata(),
            etag,
            joined.crc64(),
            null,
            "Multipart",
            now);
    bucket.store(key, object, forbidOverwrite || upload.forbidOverwrite(), "0042-00000214");
    end(bucket, upload);
    return object;
  }

  /** The parts' bytes one after the other. */
  private static InputStream join(List<Upload.Part> parts) {
    List<InputStream> streams = new ArrayList<>();
    try {
      for (Upload.Part part : parts) {
        streams.add(part.bytes().open(0, part.bytes().length()));
      }
    } catch (IOException e) {
      throw new OssError(500, "InternalError", "A part could not be read: " + e);
    }
    return new SequenceInputStream(Collections.enumeration(streams));
  }

  static void abort(Bucket bucket, String key, String uploadId) {
    end(bucket, upload(bucket, key, uploadId));
  }

  private static void end(Bucket bucket, Upload upload) {
    if (bucket.uploads.remove(upload.uploadId()) != null) {
      upload.parts().values().forEach(part -> part.bytes().discard());
    }
  }

  static Upload upload(Bucket bucket, String key, String uploadId) {
    Upload upload = uploadId == null ? null : bucket.uploads.get(uploadId);
    if (upload == null || !upload.key().equals(key)) {
      throw new OssError(
          404,
          "NoSuchUpload",
          "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
          Xml.element("UploadId", String.valueOf(uploadId)));
    }
    return upload;
  }

  static byte[] md5(byte[] content) {
    try {
      return MessageDigest.getInstance("MD5").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
  }
}
