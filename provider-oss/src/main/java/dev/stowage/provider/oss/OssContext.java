package dev.stowage.provider.oss;

import com.aliyun.oss.OSS;
import dev.stowage.provider.support.internal.StoreScope;

/**
 * What every request of one OSS store is made with: its scope (keys, error contexts, closed state),
 * its settings and its client. The store's multipart and copy classes share it.
 */
record OssContext(StoreScope scope, OssSettings settings, OSS client) {}
