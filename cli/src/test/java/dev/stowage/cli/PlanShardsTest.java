package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sync planned once and run as four shards in four processes at once does what one sync does:
 * every object copied once, the shards disjoint, each report accounting for its objects, and a sync
 * afterwards finding nothing to do.
 */
class PlanShardsTest {
  private static final int FILES = 200;

  @TempDir Path temp;

  @Test
  void fourShardsInFourProcessesEqualOneSync() throws Exception {
    Path tree = Files.createDirectories(temp.resolve("tree"));
    Random random = new Random(5);
    for (int i = 0; i < FILES; i++) {
      Path file = tree.resolve("d" + (i % 7) + "/f" + i + ".db");
      Files.createDirectories(file.getParent());
      byte[] content = new byte[100 + random.nextInt(5000)];
      random.nextBytes(content);
      Files.write(file, content);
    }
    try (LoopbackStores servers = new LoopbackStores()) {
      LoopbackStores.Remote oss = servers.all(temp.resolve("fs")).get(1);
      Path plan = temp.resolve("plan.jsonl");
      List<String> planning =
          oss.command("sync", "--plan", plan.toString(), tree.toString(), oss.uri("sharded/"));
      assertThat(run(planning)).contains("planned: 200 objects");
      assertThat(Files.readAllLines(plan)).hasSize(FILES + 1);

      ChildStowage children = new ChildStowage(temp.resolve("children"));
      List<Process> shards = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        shards.add(
            children.start(
                Files.createDirectories(temp.resolve("home-" + i)),
                oss.command("run", plan.toString(), "--shard", i + "/4", "-q")));
      }
      for (Process shard : shards) {
        assertThat(shard.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(shard.exitValue()).as(children.errorOf(shard)).isZero();
      }

      long done = 0;
      List<String> keys = new ArrayList<>();
      JsonMapper json = JsonMapper.builder().build();
      for (int i = 1; i <= 4; i++) {
        JsonNode report =
            json.readTree(Files.readString(temp.resolve("plan.jsonl.report-" + i + "-of-4.json")));
        assertThat(report.get("totals").get("failed").asLong()).isZero();
        assertThat(report.get("totals").get("skipped").asLong()).isZero();
        done += report.get("totals").get("done").asLong();
        report.get("objects").forEach(object -> keys.add(object.get("key").asString()));
      }
      assertThat(done).as("objects done by the four shards").isEqualTo(FILES);
      assertThat(keys).as("keys, each in one shard").doesNotHaveDuplicates().hasSize(FILES);

      // the whole plan once more: every object is copied again, and the totals say so
      List<String> whole =
          oss.command(
              "run",
              plan.toString(),
              "--json",
              "-q",
              "--report",
              temp.resolve("whole.json").toString());
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Stowage.run(
              PlanShardsTest.class.getClassLoader(),
              new ByteArrayOutputStream(),
              new PrintWriter(out),
              new PrintWriter(err),
              whole.toArray(String[]::new));
      assertThat(code).as(err.toString()).isZero();
      JsonNode totals = json.readTree(out.toString()).get("totals");
      assertThat(totals.get("shard").asString()).isEqualTo("1/1");
      assertThat(totals.get("done").asLong()).isEqualTo(FILES);

      List<String> again = oss.command("sync", tree.toString(), oss.uri("sharded/"));
      assertThat(run(again)).contains("synced: 0 objects (0 B) copied, 200 unchanged");
    }
  }

  private static String run(List<String> arguments) {
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            PlanShardsTest.class.getClassLoader(),
            new ByteArrayOutputStream(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            arguments.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    return err.toString();
  }
}
