package dev.stowage.oss.server;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Keeps buckets and objects in a directory, so a server restarted on it finds them again: one
 * directory per bucket, one file per object (its attributes, then its bytes), each written to a
 * temporary file, forced to disk and renamed over the old one. Bytes stay on disk, read from there
 * each time, and bodies arrive in a spool folder: the disk bounds what the server holds, not the
 * heap. Folders are 0700 and files 0600 on POSIX file systems, as the filesystem provider makes
 * them. Uploads in progress are not kept across a restart: their parts wait in the spool, which a
 * start empties.
 */
final class ObjectDirectory {
  private static final String SUFFIX = ".object";
  private static final String TEMP_PREFIX = ".tmp-";
  private static final String SPOOL = ".spool";
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private final Path root;

  ObjectDirectory(Path root) {
    this.root = root;
  }

  /** Reads every bucket and object; removes temp files a crash left behind. */
  Map<String, Bucket> load() {
    Map<String, Bucket> buckets = new TreeMap<>();
    try {
      createPrivateDirectory(root);
      clearSpool();
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
        for (Path dir : dirs) {
          if (dir.getFileName().toString().startsWith(".")) {
            continue; // the spool; bucket names start with a letter or digit
          }
          Bucket bucket = new Bucket(dir.getFileName().toString(), this);
          try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
              String name = file.getFileName().toString();
              if (name.startsWith(TEMP_PREFIX)) {
                Files.deleteIfExists(file);
              } else if (name.endsWith(SUFFIX)) {
                read(file, bucket);
              }
            }
          }
          buckets.put(bucket.name, bucket);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OSS server's directory " + root, e);
    }
    return buckets;
  }

  void createBucket(String name) {
    try {
      createPrivateDirectory(root.resolve(name));
    } catch (IOException e) {
      throw storageFailed(e);
    }
  }

  void deleteBucket(String name) {
    try {
      Files.deleteIfExists(root.resolve(name));
    } catch (IOException e) {
      throw storageFailed(e);
    }
  }

  /** Writes an object's file and returns the object as it is now held: its bytes in that file. */
  StoredObject write(String bucket, String key, StoredObject object) {
    Properties attributes = new Properties();
    attributes.setProperty("key", key);
    attributes.setProperty("contentType", object.contentType());
    attributes.setProperty("etag", object.etag());
    attributes.setProperty("crc64", Long.toUnsignedString(object.crc64()));
    attributes.setProperty("objectType", object.objectType());
    attributes.setProperty("lastModified", object.lastModified().toString());
    if (object.contentMd5() != null) {
      attributes.setProperty("contentMd5", object.contentMd5());
    }
    object.metadata().forEach((name, value) -> attributes.setProperty("meta." + name, value));
    Path target = file(bucket, key);
    Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    try {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      attributes.store(head, null);
      long length = object.bytes().length();
      try (FileChannel channel = createPrivateFile(temp);
          DataOutputStream data =
              new DataOutputStream(
                  new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024));
          InputStream content = object.bytes().open(0, length)) {
        data.writeInt(head.size());
        head.writeTo(data);
        content.transferTo(data);
        data.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      long start = Integer.BYTES + (long) head.size();
      return object.withBytes(new ObjectBytes.InFile(target, start, length, false));
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the original failure is the one to report
      }
      throw storageFailed(e);
    }
  }

  private static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (isPosix(directory)) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(FOLDER));
    } else {
      Files.createDirectories(directory);
    }
  }

  private static FileChannel createPrivateFile(Path file) throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return isPosix(file.getParent())
        ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE))
        : FileChannel.open(file, options);
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** A new private file for a body or part as it arrives, removed at the next start if left. */
  Path spoolFile() throws IOException {
    return root.resolve(SPOOL).resolve(TEMP_PREFIX + UUID.randomUUID());
  }

  OutputStream openSpool(Path file) throws IOException {
    createPrivateDirectory(file.getParent());
    return new BufferedOutputStream(Channels.newOutputStream(createPrivateFile(file)), 64 * 1024);
  }

  private void clearSpool() throws IOException {
    Path spool = root.resolve(SPOOL);
    if (Files.isDirectory(spool)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(spool)) {
        for (Path file : files) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  void delete(String bucket, String key) {
    try {
      Files.deleteIfExists(file(bucket, key));
    } catch (IOException e) {
      throw storageFailed(e);
    }
  }

  private static void read(Path file, Bucket bucket) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      byte[] head = new byte[data.readInt()];
      data.readFully(head);
      Properties attributes = new Properties();
      attributes.load(new ByteArrayInputStream(head));
      Map<String, String> metadata = new TreeMap<>();
      for (String name : attributes.stringPropertyNames()) {
        if (name.startsWith("meta.")) {
          metadata.put(name.substring("meta.".length()), attributes.getProperty(name));
        }
      }
      long start = Integer.BYTES + (long) head.length;
      bucket.objects.put(
          attributes.getProperty("key"),
          new StoredObject(
              new ObjectBytes.InFile(file, start, Files.size(file) - start, false),
              attributes.getProperty("contentType"),
              metadata,
              attributes.getProperty("etag"),
              Long.parseUnsignedLong(attributes.getProperty("crc64")),
              attributes.getProperty("contentMd5"),
              attributes.getProperty("objectType"),
              Instant.parse(attributes.getProperty("lastModified"))));
    }
  }

  /** Names the file by a hash of the key: keys hold bytes no file system takes. */
  private Path file(String bucket, String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return root.resolve(bucket).resolve(HexFormat.of().formatHex(hash) + SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static OssError storageFailed(IOException e) {
    return new OssError(500, "InternalError", "The server could not store the change: " + e);
  }
}
