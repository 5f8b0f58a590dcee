package dev.stowage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The floor of a filesystem copy: {@code cp src dst && sync}. */
final class CopyWork implements Work {
  private final TrialSettings settings;
  private final Path target;

  private CopyWork(TrialSettings settings) {
    this.settings = settings;
    this.target = Path.of(java.net.URI.create(settings.endpoint())).resolve("b7-cp");
  }

  static Work of(TrialSettings settings) {
    return new CopyWork(settings);
  }

  @Override
  public void warmUp() throws Exception {
    copy(settings.path("warmFile"));
  }

  @Override
  public Map<String, Object> run() throws Exception {
    return Map.of("bytes", copy(settings.path("file")));
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
