package dev.stowage.provider.s3;

import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.CheckedBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A replayable request body: every SDK attempt opens the content again through a {@link
 * CheckedBody}, which enforces the declared length.
 */
final class RequestBodies {
  private final Content content;

  RequestBodies(Content content) {
    this.content = content;
  }

  RequestBody requestBody(WriteOptions options) {
    return RequestBody.fromContentProvider(
        () -> {
          try {
            return new CheckedBody(content.open(), content.length());
          } catch (IOException e) {
            throw new UncheckedIOException("opening the source failed: " + e.getMessage(), e);
          }
        },
        content.length(),
        options.contentType().orElse("application/octet-stream"));
  }

  /**
   * Sends a request with this body. Where the SDK reads the body ahead of the request (to sign it
   * or compute its checksum, with chunked encoding off), a source that fails or lies about its
   * length surfaces outside the SDK's exceptions; it is passed on as one, so it maps as it would on
   * the wire.
   */
  <T> T send(Supplier<T> request) {
    try {
      return request.get();
    } catch (UncheckedIOException e) {
      throw SdkClientException.create("the request body could not be read", e.getCause());
    }
  }

  /**
   * Maps the failure of a request that carried a body. Where the SDK signs the body chunk by chunk
   * (over plain HTTP), bytes changed on the way come back as SignatureDoesNotMatch, the answer a
   * wrong secret gets too. A signed request without a body tells the two apart: if it passes, the
   * credentials hold, and the body was damaged, which sending it again cures.
   */
  static StorageException mapFailure(
      S3Client s3, S3Settings settings, ErrorContext context, SdkException e) {
    StorageException mapped = S3Errors.map(context, settings, e);
    if (!"SignatureDoesNotMatch".equals(mapped.context().errorCode().orElse(""))) {
      return mapped;
    }
    // a key that starts with '/' is asked about itself: a server that refuses it refuses the HEAD
    String slashed = context.key().filter(key -> key.startsWith("/")).orElse(null);
    try {
      if (slashed == null) {
        s3.headBucket(request -> request.bucket(settings.remote().bucket()));
      } else {
        s3.headObject(request -> request.bucket(settings.remote().bucket()).key(slashed));
      }
    } catch (NoSuchKeyException absent) {
      // the server took the key: the body was damaged
    } catch (SdkException probe) {
      return mapped;
    }
    return new IntegrityException(
        mapped.context(),
        "the server's signature check failed on the body while the credentials hold: its bytes"
            + " changed on the way. Send them again.",
        e);
  }
}
