package dev.stowage.provider.oss;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.WebServiceRequest;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends OSS requests (once more after a clock-skew answer that corrected the client's clock) and
 * reads what the store answered to a write.
 */
final class OssRequests {
  private OssRequests() {}

  /**
   * Sends one SDK request. A request the server refused as {@code RequestTimeTooSkewed}, naming its
   * own time, is sent once more: the client has then taken its clock offset from that time (the
   * offset is fixed when a request is signed, so the SDK's own retry would not use it).
   */
  static <T> T send(Supplier<T> request) {
    try {
      return request.get();
    } catch (OSSException e) {
      if (!OssErrors.clockCorrected(e)) {
        throw e;
      }
      return request.get();
    }
  }

  /**
   * Turns off the SDK's own log line for a failure of this request. That line holds the server's
   * whole error document, which for a refused signature holds the canonical request and so the
   * session token; the provider maps every failure to an exception without it instead.
   */
  static <R extends WebServiceRequest> R unlogged(R request) {
    request.setLogEnabled(false);
    return request;
  }

  /** Sends a request with a body, from a new {@link ReplayableBody} for each {@link #send}. */
  static <T> T sendBody(Content content, Function<ReplayableBody, T> request) {
    return send(
        () -> {
          try (ReplayableBody body = new ReplayableBody(content)) {
            return request.apply(body);
          }
        });
  }

  /** What the store answered to a write: no size, and its own CRC-64 if it sent one. */
  static ObjectInfo answer(String key, String etag, Long serverCrc) {
    ObjectInfo.Builder info = ObjectInfo.builder(key);
    if (etag != null) {
      info.etag(etag);
    }
    if (serverCrc != null) {
      info.checksum(ChecksumAlgorithm.CRC64ECMA, OssObjectStore.hex(serverCrc));
    }
    return info.build();
  }

  /**
   * Fails if the store's CRC-64 of an object differs from the one its parts' CRC-64s combine into,
   * after {@code undo} removed what it published.
   */
  static void requireSameCrc(Long serverCrc, long combined, Runnable undo, ErrorContext context) {
    if (serverCrc != null && serverCrc != combined) {
      undo.run();
      throw new IntegrityException(
          context,
          "the server computed CRC-64 "
              + Long.toUnsignedString(serverCrc)
              + " over other bytes than its parts hold ("
              + Long.toUnsignedString(combined)
              + "); nothing was kept. Send them again.");
    }
  }
}
