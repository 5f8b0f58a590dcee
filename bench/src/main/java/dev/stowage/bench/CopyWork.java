package dev.stowage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The floor of a filesystem copy: {@code cp src dst && sync}. B7 copies the source file into the
 * store's folder; B12 copies the object's file out of it, beside the download.
 */
final class CopyWork implements Work {
  private final TrialSettings settings;
  private final Path root;
  private final Path target;

  private CopyWork(TrialSettings settings) {
    this.settings = settings;
    this.root = Path.of(java.net.URI.create(settings.endpoint()));
    this.target =
        download() ? settings.path("out").resolveSibling("b12-cp") : root.resolve("b7-cp");
  }

  private boolean download() {
    return settings.scenario().equals("B12");
  }

  private Path source(String file, String key) {
    return download() ? root.resolve(settings.text(key)) : settings.path(file);
  }

  static Work of(TrialSettings settings) {
    return new CopyWork(settings);
  }

  @Override
  public void warmUp() throws Exception {
    copy(source("warmFile", "warmKey"));
  }

  @Override
  public Map<String, Object> run() throws Exception {
    return Map.of("bytes", copy(source("file", "key")));
  }

  @Override
  public void cleanUp() throws Exception {
    Files.deleteIfExists(target);
  }

  private long copy(Path source) throws Exception {
    Files.createDirectories(target.getParent());
    Process cp =
        new ProcessBuilder(
                "sh", "-c", "cp \"$0\" \"$1\" && sync", source.toString(), target.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (cp.waitFor() != 0) {
      throw new IllegalStateException("cp + sync exited with " + cp.exitValue());
    }
    return Files.size(target);
  }
}
