package dev.stowage.oss.server;

import java.util.concurrent.ConcurrentHashMap;

/** The server's buckets, in memory and, if a directory is set, on disk too. */
final class Buckets {
  private final ConcurrentHashMap<String, Bucket> byName = new ConcurrentHashMap<>();
  private final ObjectDirectory directory;

  Buckets(ObjectDirectory directory) {
    this.directory = directory;
    if (directory != null) {
      byName.putAll(directory.load());
    }
  }

  /** Where bodies are spooled as they arrive: the directory, or null to keep them in memory. */
  ObjectDirectory spool() {
    return directory;
  }

  /** Returns the bucket, or throws NoSuchBucket. */
  Bucket get(String name) {
    Bucket bucket = byName.get(name);
    if (bucket == null) {
      throw new OssError(
          404,
          "NoSuchBucket",
          "The specified bucket does not exist.",
          Xml.element("BucketName", name));
    }
    return bucket;
  }

  Bucket find(String name) {
    return byName.get(name);
  }

  /** Creates the bucket; does nothing if it exists. */
  synchronized void create(String name) {
    if (!byName.containsKey(name)) {
      if (directory != null) {
        directory.createBucket(name);
      }
      byName.put(name, new Bucket(name, directory));
    }
  }

  /** Deletes an empty bucket, or throws BucketNotEmpty. */
  synchronized void delete(Bucket bucket) {
    if (!bucket.objects.isEmpty()) {
      throw new OssError(
          409,
          "BucketNotEmpty",
          "The bucket has objects. Please delete them first.",
          Xml.element("BucketName", bucket.name));
    }
    if (directory != null) {
      directory.deleteBucket(bucket.name);
    }
    byName.remove(bucket.name);
  }
}
