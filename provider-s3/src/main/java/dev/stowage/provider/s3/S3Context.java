package dev.stowage.provider.s3;

import dev.stowage.provider.support.internal.StoreScope;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every request of one S3 store is made with: its scope (keys, error contexts, closed state),
 * its settings, its client and its encryption headers. The store's multipart and copy classes share
 * it.
 */
record S3Context(StoreScope scope, S3Settings settings, S3Client client, SseHeaders sse) {}
