package dev.stowage.hadoop;

import dev.stowage.api.Capability;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ObjectReadStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BulkDelete;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.IOStatisticsSource;
import org.apache.hadoop.fs.statistics.StoreStatisticNames;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.Progressable;

/**
 * A Hadoop {@link FileSystem} over any Stowage provider, for DistCp, Spark and every tool that
 * speaks Hadoop's filesystem API. A path {@code stowage+SCHEME://BUCKET/a/b} is the object {@code
 * a/b} of the store {@code SCHEME://BUCKET}; set {@code fs.SCHEME.impl} to this class to use the
 * provider's own scheme instead. Options: {@code fs.stowage.OPTION} for each provider option (see
 * {@code stowage providers}), secrets through Hadoop's credential providers too; {@code
 * fs.stowage.file.root} for the filesystem store's root; {@code fs.stowage.part-size}, {@code
 * concurrency}, {@code memory-budget} and {@code block-size} for the engine. docs/hadoop.md has the
 * details.
 *
 * <p>Reads are the engine's seekable, resuming, verified reads; writes stream through the engine's
 * upload and appear, verified, when the stream is closed. Directories are prefixes, as in every
 * object-store filesystem: an empty directory is kept by a marker object, and rename copies (in the
 * store where it can) and deletes, so it is not atomic, and a large directory costs a copy of each
 * object under it.
 */
public class StowageFileSystem extends FileSystem implements IOStatisticsSource {
  private static final String DEFAULT_SCHEME = "stowage";

  private URI uri;
  private Path workingDirectory;
  private StoreBinding binding;
  private ObjectPaths paths;
  private ObjectTree tree;
  private FileChecksums checksums;
  private FileSystemStatistics ioStatistics;
  private String user;

  /** Creates an unbound filesystem; Hadoop calls {@link #initialize} before any use. */
  public StowageFileSystem() {}

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    setConf(conf);
    uri =
        name.getAuthority() == null || name.getAuthority().isEmpty()
            ? URI.create(name.getScheme() + ":///")
            : URI.create(name.getScheme() + "://" + name.getAuthority());
    checksums = FileChecksums.of(conf);
    binding = StoreBinding.open(name, conf);
    paths = new ObjectPaths(uri);
    tree = new ObjectTree(binding.store(), binding.engine());
    ioStatistics = new FileSystemStatistics(binding.engine());
    user = UserGroupInformation.getCurrentUser().getShortUserName();
    workingDirectory = paths.path("user/" + user);
  }

  @Override
  public String getScheme() {
    return uri == null ? DEFAULT_SCHEME : uri.getScheme();
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public Path getWorkingDirectory() {
    return workingDirectory;
  }

  @Override
  public void setWorkingDirectory(Path directory) {
    workingDirectory = directory.makeQualified(uri, workingDirectory);
  }

  @Override
  public long getDefaultBlockSize(Path path) {
    return binding.blockSize();
  }

  @Override
  public FSDataInputStream open(Path path, int bufferSize) throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_OPEN);
    String key = key(path);
    ObjectReadStream in;
    try {
      in = key.isEmpty() ? null : binding.engine().open(binding.store(), key);
    } catch (ObjectNotFoundException e) {
      in = null;
    } catch (StorageException e) {
      throw HadoopErrors.translate(e);
    }
    if (in == null) {
      throw new FileNotFoundException(
          "cannot open "
              + path
              + (tree.isDirectory(key) ? ": it is a directory" : ": no such file"));
    }
    return new FSDataInputStream(
        new StowageInputStream(
            in, statistics, path.toString(), binding.readAhead(), binding.vectoredReads()));
  }

  @Override
  public FSDataOutputStream create(
      Path path,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_CREATE);
    String key = key(path);
    if (key.isEmpty()) {
      throw new FileAlreadyExistsException("cannot create " + path + ": it is the root directory");
    }
    // overwriting, a file at the key does not matter; either way a directory there refuses it
    Optional<ObjectInfo> existing = overwrite ? Optional.empty() : tree.file(key);
    if (existing.isPresent()) {
      throw new FileAlreadyExistsException("cannot create " + path + ": the file exists");
    }
    if (tree.isDirectory(key)) {
      throw new FileAlreadyExistsException("cannot create " + path + ": it is a directory");
    }
    Optional<String> fileAbove = tree.fileAncestor(key);
    if (fileAbove.isPresent()) {
      throw new ParentNotDirectoryException(
          "cannot create " + path + ": " + paths.path(fileAbove.get()) + " is a file");
    }
    tree.becomeFiles(key);
    boolean createOnly =
        !overwrite && binding.store().capabilities().supports(Capability.CONDITIONAL_CREATE);
    WriteOptions options = WriteOptions.builder().createOnly(createOnly).build();
    return new FSDataOutputStream(
        new StowageOutputStream(
            HadoopErrors.translated(
                () -> binding.engine().newUpload(binding.store(), key, options)),
            statistics,
            path.toString()),
        null);
  }

  @Override
  public FSDataOutputStream createNonRecursive(
      Path path,
      FsPermission permission,
      java.util.EnumSet<org.apache.hadoop.fs.CreateFlag> flags,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    Path parent = path.getParent();
    if (parent != null && !tree.isDirectory(key(parent))) {
      throw new FileNotFoundException(
          "cannot create " + path + ": the directory " + parent + " does not exist");
    }
    return create(
        path,
        permission,
        flags.contains(org.apache.hadoop.fs.CreateFlag.OVERWRITE),
        bufferSize,
        replication,
        blockSize,
        progress);
  }

  @Override
  public FSDataOutputStream append(Path path, int bufferSize, Progressable progress)
      throws IOException {
    throw new UnsupportedOperationException(
        "append is not supported: objects are written whole (" + path + ")");
  }

  @Override
  public boolean rename(Path source, Path target) throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_RENAME);
    return new Rename(tree, binding, paths).run(key(source), key(target));
  }

  @Override
  public boolean delete(Path path, boolean recursive) throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_DELETE);
    String key = key(path);
    if (tree.file(key).isPresent()) {
      tree.delete(key);
      tree.keepParent(key);
      return true;
    }
    if (!tree.isDirectory(key)) {
      return false;
    }
    if (!recursive && tree.hasChildren(key)) {
      throw new PathIsNotEmptyDirectoryException(path.toString());
    }
    tree.deleteDescendants(key);
    if (!key.isEmpty()) {
      tree.keepParent(key);
    }
    return true;
  }

  @Override
  public FileStatus[] listStatus(Path path) throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_LIST_STATUS);
    String key = key(path);
    Optional<ObjectInfo> file = tree.file(key);
    if (file.isPresent()) {
      return new FileStatus[] {fileStatus(file.get())};
    }
    List<FileStatus> statuses = new ArrayList<>();
    for (ObjectTree.Entry entry : tree.children(key)) {
      statuses.add(
          entry.isDirectory() ? directoryStatus(entry.key()) : fileStatus(entry.file().get()));
    }
    if (statuses.isEmpty() && !tree.isDirectory(key)) {
      throw new FileNotFoundException("no such file or directory: " + path);
    }
    return statuses.toArray(new FileStatus[0]);
  }

  @Override
  public boolean mkdirs(Path path, FsPermission permission) throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_MKDIRS);
    String key = key(path);
    if (tree.file(key).isPresent()) {
      throw new FileAlreadyExistsException("cannot make directory " + path + ": it is a file");
    }
    if (tree.isDirectory(key)) {
      return true;
    }
    Optional<String> fileAbove = tree.fileAncestor(key);
    if (fileAbove.isPresent()) {
      throw new ParentNotDirectoryException(
          "cannot make directory " + path + ": " + paths.path(fileAbove.get()) + " is a file");
    }
    tree.makeDirectory(key);
    return true;
  }

  @Override
  public FileStatus getFileStatus(Path path) throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_GET_FILE_STATUS);
    String key = key(path);
    Optional<ObjectInfo> file = tree.file(key);
    if (file.isPresent()) {
      return fileStatus(file.get());
    }
    if (tree.isDirectory(key)) {
      return directoryStatus(key);
    }
    throw new FileNotFoundException("no such file or directory: " + path);
  }

  /**
   * Returns the checksum the store records for the whole object under the algorithm of {@code
   * fs.stowage.checksum} (CRC-32C by default, as HDFS's composite CRC), or null if it records none.
   */
  @Override
  public FileChecksum getFileChecksum(Path path, long length) throws IOException {
    ioStatistics.called(StoreStatisticNames.OP_GET_FILE_CHECKSUM);
    String key = key(path);
    ObjectInfo info =
        tree.file(key).orElseThrow(() -> new FileNotFoundException("no such file: " + path));
    return length < info.size() ? null : checksums.of(info);
  }

  @Override
  public FileChecksum getFileChecksum(Path path) throws IOException {
    return getFileChecksum(path, Long.MAX_VALUE);
  }

  @Override
  public boolean hasPathCapability(Path path, String capability) throws IOException {
    switch (capability) {
      case CommonPathCapabilities.FS_CHECKSUMS:
      case CommonPathCapabilities.ABORTABLE_STREAM:
      case CommonPathCapabilities.BULK_DELETE:
        return true;
      case CommonPathCapabilities.FS_APPEND:
      case CommonPathCapabilities.FS_CONCAT:
      case CommonPathCapabilities.FS_PERMISSIONS:
      case CommonPathCapabilities.FS_ACLS:
      case CommonPathCapabilities.FS_SYMLINKS:
      case CommonPathCapabilities.FS_SNAPSHOTS:
      case CommonPathCapabilities.FS_TRUNCATE:
      case CommonPathCapabilities.FS_XATTRS:
      case CommonPathCapabilities.FS_MULTIPART_UPLOADER:
      case CommonPathCapabilities.FS_PATHHANDLES:
        return false;
      default:
        return super.hasPathCapability(path, capability);
    }
  }

  @Override
  public BulkDelete createBulkDelete(Path base) {
    ioStatistics.called(StoreStatisticNames.OP_BULK_DELETE);
    return new StowageBulkDelete(binding.store(), paths, base, workingDirectory);
  }

  /** Returns the operations asked of this filesystem and its engine's counters, read live. */
  @Override
  public IOStatistics getIOStatistics() {
    return ioStatistics;
  }

  @Override
  public String getCanonicalServiceName() {
    return null;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      if (binding != null) {
        binding.close();
        binding = null;
      }
    }
  }

  private String key(Path path) {
    return paths.key(path, workingDirectory);
  }

  private FileStatus fileStatus(ObjectInfo info) {
    long modified = info.lastModified().map(t -> t.toEpochMilli()).orElse(0L);
    return new FileStatus(
        info.size(),
        false,
        1,
        binding.blockSize(),
        modified,
        modified,
        null,
        user,
        user,
        paths.path(info.key()));
  }

  private FileStatus directoryStatus(String key) {
    return new FileStatus(0, true, 1, 0, 0, 0, null, user, user, paths.path(key));
  }
}
