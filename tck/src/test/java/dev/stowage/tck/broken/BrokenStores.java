package dev.stowage.tck.broken;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Stores that break one promise each, as providers written in good faith do: the kit must fail each
 * on the case that checks that promise.
 */
enum BrokenStores {
  /** Reports local time read as UTC: every modification time eight hours ahead. */
  FUTURE_TIMES(FutureTimes::new),
  /** Completes a create-only multipart upload over an object that exists. */
  COMPLETION_IGNORES_CREATE_ONLY(CompletionIgnoresCreateOnly::new),
  /**
   * Cannot hold {@code k} and {@code k/sub} at once, as a directory tree cannot, yet says nothing
   * of it and fails the second write as an I/O error.
   */
  NO_NESTED_KEYS_UNDECLARED(NoNestedKeysUndeclared::new),
  /** Joins the parts of an upload in the order they arrived, not by their numbers. */
  JOINS_PARTS_IN_ARRIVAL_ORDER(JoinsInArrivalOrder::new),
  /** Hands a listing's continuation token out again, so the listing never ends. */
  REPEATS_LISTING_TOKENS(RepeatsListingTokens::new),
  /** Answers a write with one byte less than it holds. */
  UNDERSTATES_WRITES(UnderstatesWrites::new),
  /** Shows the token it was opened with, a secret option, in its {@code toString()}. */
  SHOWS_ITS_TOKEN((bucket, token) -> new ShowsItsToken(bucket, token));

  private final BiFunction<SmallStore.Bucket, String, SmallStore> open;

  BrokenStores(Function<SmallStore.Bucket, SmallStore> open) {
    this((bucket, token) -> open.apply(bucket));
  }

  BrokenStores(BiFunction<SmallStore.Bucket, String, SmallStore> open) {
    this.open = open;
  }

  /** Opens the broken store over a bucket, with the token its provider was given. */
  SmallStore open(SmallStore.Bucket bucket, String token) {
    return open.apply(bucket, token);
  }

  private static final class FutureTimes extends SmallStore {
    FutureTimes(Bucket bucket) {
      super(bucket);
    }

    @Override
    ObjectInfo describe(String key, Stored stored) {
      return super.describe(key, stored).toBuilder()
          .lastModified(stored.modified().plus(Duration.ofHours(8)))
          .build();
    }
  }

  private static final class CompletionIgnoresCreateOnly extends SmallStore {
    CompletionIgnoresCreateOnly(Bucket bucket) {
      super(bucket);
    }

    @Override
    void publish(String key, Stored stored, boolean createOnly, StorageOperation operation) {
      super.publish(
          key, stored, createOnly && operation != StorageOperation.COMPLETE_MULTIPART, operation);
    }
  }

  private static final class NoNestedKeysUndeclared extends SmallStore {
    NoNestedKeysUndeclared(Bucket bucket) {
      super(bucket);
    }

    @Override
    public Capabilities capabilities() {
      return CAPABILITIES.toBuilder().withoutFeatures(Set.of(Capability.NESTED_KEYS)).build();
    }

    @Override
    void publish(String key, Stored stored, boolean createOnly, StorageOperation operation) {
      boolean taken =
          bucket.objects.keySet().stream()
              .anyMatch(other -> key.startsWith(other + "/") || other.startsWith(key + "/"));
      if (taken) {
        throw new PermanentStorageException(
            ErrorContext.of(operation, location()).withKey(key), "I/O error: Not a directory");
      }
      super.publish(key, stored, createOnly, operation);
    }
  }

  private static final class JoinsInArrivalOrder extends SmallStore {
    private final List<Integer> arrivals = new ArrayList<>();

    JoinsInArrivalOrder(Bucket bucket) {
      super(bucket);
    }

    @Override
    public synchronized CompletedPart uploadPart(
        MultipartUpload upload, int partNumber, Content content) {
      arrivals.add(partNumber);
      return super.uploadPart(upload, partNumber, content);
    }

    @Override
    synchronized byte[] join(Upload upload, List<CompletedPart> parts) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (int number : arrivals) {
        if (upload.parts().containsKey(number)) {
          joined.writeBytes(upload.parts().get(number).bytes());
        }
      }
      arrivals.clear();
      return joined.toByteArray();
    }
  }

  private static final class RepeatsListingTokens extends SmallStore {
    RepeatsListingTokens(Bucket bucket) {
      super(bucket);
    }

    @Override
    public ListPage list(ListRequest request) {
      ListPage page = super.list(request);
      if (page.nextToken().isEmpty() || request.continuationToken().isEmpty()) {
        return page;
      }
      return ListPage.truncated(
          page.objects(), page.commonPrefixes(), request.continuationToken().get());
    }
  }

  private static final class UnderstatesWrites extends SmallStore {
    UnderstatesWrites(Bucket bucket) {
      super(bucket);
    }

    @Override
    public ObjectInfo put(String key, Content content, WriteOptions options) {
      ObjectInfo held = super.put(key, content, options);
      return ObjectInfo.builder(key, Math.max(0, held.size() - 1)).etag(held.etag().get()).build();
    }
  }

  private static final class ShowsItsToken extends SmallStore {
    private final String token;

    ShowsItsToken(Bucket bucket, String token) {
      super(bucket);
      this.token = token;
    }

    @Override
    public String toString() {
      return "ShowsItsToken[" + location() + ", token " + token + "]";
    }
  }
}
