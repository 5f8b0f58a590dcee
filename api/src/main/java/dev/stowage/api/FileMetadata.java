package dev.stowage.api;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a local file's modification time and permissions travel as an object's user metadata, so that
 * a file uploaded and later downloaded comes back as it was. The names and forms are rclone's:
 * {@value #MTIME} holds seconds since the epoch with a fraction ({@code 1700000000.123456789}),
 * {@value #MODE} the permission bits in octal ({@code 644}).
 *
 * <p>Metadata is read from a store, so it is untrusted: only the nine read, write and execute bits
 * are ever restored (never set-user-ID, set-group-ID or sticky), and a value that does not parse is
 * ignored.
 */
public final class FileMetadata {
  /** The user-metadata name of the modification time. */
  public static final String MTIME = "mtime";

  /** The user-metadata name of the permission bits. */
  public static final String MODE = "mode";

  private static final int PERMISSION_BITS = 0777;
  private static final PosixFilePermission[] BY_BIT = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };

  private FileMetadata() {}

  /**
   * Describes a file as user metadata: its modification time, and its permissions where the file
   * system has POSIX permissions.
   *
   * @param file the file
   * @return {@value #MTIME} and, on POSIX file systems, {@value #MODE}
   * @throws IOException if the file's attributes cannot be read
   */
  public static Map<String, String> of(Path file) throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    BasicFileAttributes attributes =
        posix != null
            ? posix.readAttributes()
            : Files.readAttributes(file, BasicFileAttributes.class);
    Instant modified = attributes.lastModifiedTime().toInstant();
    metadata.put(
        MTIME,
        BigDecimal.valueOf(modified.getEpochSecond())
            .add(BigDecimal.valueOf(modified.getNano(), 9))
            .stripTrailingZeros()
            .toPlainString());
    if (attributes instanceof PosixFileAttributes permissions) {
      metadata.put(MODE, Integer.toOctalString(bits(permissions.permissions())));
    }
    return metadata;
  }

  /**
   * Gives a file just created the modification time and permissions that metadata records, each
   * only where it is present and well-formed. The umask still holds, as for {@code tar} run by a
   * user: a permission the new file was created without (execute following read) is not added.
   *
   * @param file a file just created with the default permissions, not a symbolic link
   * @param metadata an object's user metadata
   * @throws IOException if the file's attributes cannot be set
   */
  public static void restore(Path file, Map<String, String> metadata) throws IOException {
    Optional<Set<PosixFilePermission>> recorded = permissions(metadata);
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (recorded.isPresent() && view != null) {
      int created = bits(view.readAttributes().permissions());
      int allowed = created | ((created & 0444) >> 2);
      view.setPermissions(set(bits(recorded.get()) & allowed));
    }
    Optional<Instant> modified = modified(metadata);
    if (modified.isPresent()) {
      Files.setLastModifiedTime(file, FileTime.from(modified.get()));
    }
  }

  /**
   * The modification time metadata records, if well-formed: seconds with an optional fraction, or
   * an ISO-8601 instant.
   *
   * @param metadata an object's user metadata
   * @return the time, or empty
   */
  public static Optional<Instant> modified(Map<String, String> metadata) {
    String value = metadata.get(MTIME);
    if (value == null) {
      return Optional.empty();
    }
    try {
      BigDecimal seconds = new BigDecimal(value.trim());
      BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
      return instant(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
    } catch (ArithmeticException e) {
      return Optional.empty();
    } catch (NumberFormatException e) {
      try {
        return Optional.of(Instant.parse(value.trim()));
      } catch (DateTimeException notIso) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Instant> instant(long seconds, long nanos) {
    try {
      return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The read, write and execute bits metadata records, if well-formed octal.
   *
   * @param metadata an object's user metadata
   * @return the permissions, or empty
   */
  public static Optional<Set<PosixFilePermission>> permissions(Map<String, String> metadata) {
    String value = metadata.get(MODE);
    if (value == null || !value.trim().matches("[0-7]{1,7}")) {
      return Optional.empty();
    }
    return Optional.of(set(Integer.parseInt(value.trim(), 8) & PERMISSION_BITS));
  }

  private static Set<PosixFilePermission> set(int bits) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BY_BIT.length; bit++) {
      if ((bits & (1 << bit)) != 0) {
        permissions.add(BY_BIT[bit]);
      }
    }
    return permissions;
  }

  private static int bits(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (int bit = 0; bit < BY_BIT.length; bit++) {
      if (permissions.contains(BY_BIT[bit])) {
        bits |= 1 << bit;
      }
    }
    return bits;
  }
}
