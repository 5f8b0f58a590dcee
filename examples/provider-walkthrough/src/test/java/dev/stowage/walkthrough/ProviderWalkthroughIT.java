package dev.stowage.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Follows docs/provider-walkthrough.md as a reader does: every file it shows goes into an empty
 * folder, and {@code mvn verify} runs there with a Maven of its own, which finds this build's
 * Stowage artifacts in a repository staged for it and everything else in this build's local
 * repository, never on the network.
 */
class ProviderWalkthroughIT {
  /** A file the page shows: its path on a line of its own, then a fenced block. */
  private static final Pattern FILE =
      Pattern.compile(
          "^`([^`\\s]+)`:\\n\\n```[a-z]*\\n(.*?)\\n```$", Pattern.MULTILINE | Pattern.DOTALL);

  /** The tally the page shows, a fenced text block that starts with the kit's summary line. */
  private static final Pattern SHOWN_TALLY =
      Pattern.compile("```text\\n(Stowage TCK .*?)\\n```", Pattern.DOTALL);

  /** The failed line the page shows for a store whose close() does nothing. */
  private static final Pattern BROKEN_CLOSE_LINE =
      Pattern.compile("```text\\n(  failed: closeIsIdempotentAndFinal .*?)\\n```");

  private static final Pattern SUMMARY =
      Pattern.compile("Stowage TCK (\\w+): (\\d+) cases, (\\d+) passed, (\\d+) failed");

  @Test
  void theWalkthroughBuildsAProviderThatPassesTheKitAndShipsAsAPlugin() throws Exception {
    String page = Files.readString(Path.of(property("walkthrough.document")));
    Map<String, String> files = filesShownOn(page);
    assertThat(files.keySet())
        .as("the files the walk-through shows")
        .contains(
            "pom.xml",
            "src/assembly/plugin.xml",
            "src/main/java/com/example/tiny/TinyStorageProvider.java",
            "src/main/java/com/example/tiny/TinyObjectStore.java",
            "src/test/java/com/example/tiny/TinyStoreContractTest.java");
    Path folder = emptyFolder(Path.of(property("walkthrough.folder")));
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = folder.resolve("project").resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue() + "\n");
    }

    String output = mavenVerify(folder, 0);

    Matcher summary = SUMMARY.matcher(output);
    assertThat(summary.find())
        .as("the kit's tally in the build's output:%n%s", tail(output))
        .isTrue();
    assertThat(Integer.parseInt(summary.group(4))).as("failed cases").isZero();
    assertThat(Integer.parseInt(summary.group(3))).as("passed cases").isGreaterThan(40);
    Matcher shown = SHOWN_TALLY.matcher(page);
    assertThat(shown.find()).as("the tally the walk-through shows").isTrue();
    for (String line : shown.group(1).lines().toList()) {
      assertThat(output)
          .as("the page's tally line '%s' in the build's output", line)
          .contains(line);
    }
    Path zip = folder.resolve("project/target/tiny-provider-1.0.0-SNAPSHOT-plugin.zip");
    assertThat(zip).as("the plug-in zip").isRegularFile();
    try (ZipFile plugin = new ZipFile(zip.toFile())) {
      List<String> entries = new ArrayList<>();
      plugin.stream().forEach(entry -> entries.add(entry.getName()));
      assertThat(entries)
          .as("the plug-in zip holds the provider's jar and no Stowage API")
          .contains("tiny/tiny-provider-1.0.0-SNAPSHOT.jar")
          .noneMatch(name -> name.contains("stowage-api"));
    }
  }

  @Test
  void aStoreThatIgnoresCloseFailsWithTheLineThePageShows() throws Exception {
    String page = Files.readString(Path.of(property("walkthrough.document")));
    Path folder = emptyFolder(Path.of(property("walkthrough.folder") + "-broken"));
    for (Map.Entry<String, String> file : filesShownOn(page).entrySet()) {
      Path path = folder.resolve("project").resolve(file.getKey());
      Files.createDirectories(path.getParent());
      String text = file.getValue() + "\n";
      if (file.getKey().endsWith("TinyObjectStore.java")) {
        assertThat(text).as("the store's close()").contains("closed = true;");
        text = text.replace("closed = true;", "");
      }
      Files.writeString(path, text);
    }

    String output = mavenVerify(folder, 1);

    Matcher shown = BROKEN_CLOSE_LINE.matcher(page);
    assertThat(shown.find()).as("the failed line the walk-through shows").isTrue();
    String key = "tck-[0-9a-f]{8}/after-close"; // a random prefix each run
    String[] around = shown.group(1).split(key, 2);
    assertThat(around).as("the shown line around its key").hasSize(2);
    Pattern line = Pattern.compile(Pattern.quote(around[0]) + key + Pattern.quote(around[1]));
    assertThat(line.matcher(output).find())
        .as("the page's failed line %s in the build's output:%n%s", shown.group(1), tail(output))
        .isTrue();
  }

  private static Map<String, String> filesShownOn(String page) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher file = FILE.matcher(page);
    while (file.find()) {
      files.put(file.group(1), file.group(2));
    }
    return files;
  }

  /**
   * Runs the page's {@code mvn verify} and returns what it printed; fails unless it exits with the
   * status given.
   */
  private static String mavenVerify(Path folder, int status)
      throws IOException, InterruptedException {
    Path settings = folder.resolve("settings.xml");
    Files.writeString(
        settings,
        "<settings><mirrors><mirror><id>this-build</id><mirrorOf>*</mirrorOf><url>"
            + Path.of(property("walkthrough.mirror")).toUri()
            + "</url></mirror></mirrors></settings>\n");
    Path log = folder.resolve("build.log");
    Path maven = Path.of(property("walkthrough.maven"), "bin", "mvn");
    ProcessBuilder build =
        new ProcessBuilder(
                maven.toString(),
                "-B",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + property("walkthrough.repository"),
                "verify")
            .directory(folder.resolve("project").toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    build.environment().put("JAVA_HOME", System.getProperty("java.home"));
    build.environment().remove("MAVEN_OPTS");
    build.environment().remove("MAVEN_ARGS");
    Process process = build.start();
    boolean ended = process.waitFor(15, TimeUnit.MINUTES);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("the walk-through's build ended within 15 minutes").isTrue();
    assertThat(process.exitValue())
        .as("the walk-through's mvn verify exit status; its output ends:%n%s", tail(output))
        .isEqualTo(status);
    return output;
  }

  private static Path emptyFolder(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (var paths = Files.walk(folder)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(folder);
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s, set by this module's pom", name).isNotBlank();
    return value;
  }
}
