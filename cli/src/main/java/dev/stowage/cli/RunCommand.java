package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.BatchResult;
import dev.stowage.engine.DeleteReport;
import dev.stowage.engine.KeyCopy;
import dev.stowage.engine.TransferEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

@Command(
    mixinStandardHelpOptions = true,
    name = "run",
    description =
        "Execute a plan written by 'stowage sync --plan', or one shard of it: shards 1..N, run in"
            + " any order or at once in separate processes, together do what one sync does. Writes"
            + " a report of every object: done, failed (with why) or skipped.")
final class RunCommand implements Callable<Integer> {
  @Mixin ProviderOptions providerOptions;

  @ParentCommand Stowage stowage;

  @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file.")
  Path plan;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description = "Run only shard I of N (by a hash of each key), such as 2/4.")
  String shard;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Where the report goes (default: PLAN.report-I-of-N.json).")
  Path report;

  @Option(
      names = "--json",
      description =
          "Print the totals as one JSON line on standard output: shard, done, failed, skipped,"
              + " report.")
  boolean json;

  @Mixin TransferOptions transfer;

  @Override
  @SuppressWarnings("try") // interrupts guards the engine for the try's length; it is not used
  public Integer call() throws IOException {
    PlanFile.Shard part = shard == null ? PlanFile.Shard.WHOLE : PlanFile.Shard.parse(shard);
    PlanFile.Header header;
    try (PlanFile.Reader reader = new PlanFile.Reader(plan)) {
      header = reader.header();
    }
    Path reportFile =
        report != null
            ? report
            : plan.resolveSibling(
                plan.getFileName() + ".report-" + part.index() + "-of-" + part.count() + ".json");
    StorageLocation from = StorageLocation.parse(header.source());
    StorageLocation to = StorageLocation.parse(header.destination());
    PrintWriter err = stowage.spec.commandLine().getErr();
    Set<String> written = ConcurrentHashMap.newKeySet();
    BatchResult copies;
    DeleteReport deletes = null;
    RuntimeException stopped = null;
    try (Stores stores = stowage.stores();
        ProgressDisplay progress =
            ProgressDisplay.start(
                "run", !transfer.quiet, err, result -> written.add(result.object().key()));
        TransferEngine engine = transfer.engine(progress);
        Interrupts interrupts = Interrupts.guard(engine, err)) {
      stowage.measure("run", progress);
      ObjectStore source = stores.open(from);
      ObjectStore target = stores.open(to);
      try (PlanFile.Reader reader = new PlanFile.Reader(plan)) {
        Iterator<KeyCopy> mine =
            StreamSupport.stream(reader.spliterator(), false)
                .filter(PlanFile.Entry::isCopy)
                .filter(entry -> part.takes(entry.shardKey()))
                .map(
                    entry ->
                        new KeyCopy(
                            entry.source(), entry.destination(), Math.max(-1, entry.size())))
                .iterator();
        copies = engine.copyEach(source, mine, target, WriteOptions.DEFAULTS);
      } catch (StorageException e) {
        copies = null;
        stopped = e;
      }
      if (copies != null && copies.isComplete()) {
        try (PlanFile.Reader reader = new PlanFile.Reader(plan)) {
          deletes =
              engine.deleteAll(
                  target,
                  StreamSupport.stream(reader.spliterator(), false)
                      .filter(entry -> !entry.isCopy())
                      .filter(entry -> part.takes(entry.shardKey()))
                      .map(PlanFile.Entry::destination));
        }
      }
    }
    Totals totals = writeReport(reportFile, part, copies, deletes, stopped, written);
    if (json) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("shard", part.toString());
      fields.put("done", totals.done);
      fields.put("failed", totals.failed);
      fields.put("skipped", totals.skipped);
      fields.put("report", reportFile.toString());
      JsonOutput.line(stowage.spec.commandLine().getOut(), Map.of("totals", fields));
    } else {
      err.printf(
          "run of shard %s: %d done, %d failed, %d skipped; report in %s%n",
          part, totals.done, totals.failed, totals.skipped, reportFile);
    }
    if (stopped != null) {
      throw stopped;
    }
    if (totals.failed > 0 || totals.skipped > 0) {
      throw Stowage.CliException.failure(
          totals.failed
              + " objects failed and "
              + totals.skipped
              + " were not tried; see the report.");
    }
    return 0;
  }

  private static final class Totals {
    long done;
    long failed;
    long skipped;
  }

  /**
   * The report, one entry per action of this shard read again from the plan: done, failed with its
   * error, or skipped (not tried: the run stopped, or deletions wait for every copy).
   */
  private Totals writeReport(
      Path file,
      PlanFile.Shard part,
      BatchResult copies,
      DeleteReport deletes,
      RuntimeException stopped,
      Set<String> written)
      throws IOException {
    Totals totals = new Totals();
    try (PlanFile.Reader reader = new PlanFile.Reader(plan);
        JsonGenerator json =
            JsonMapper.builder()
                .build()
                .createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      json.writeStartObject();
      json.writeStringProperty("plan", plan.toString());
      json.writeStringProperty("shard", part.toString());
      json.writeName("objects");
      json.writeStartArray();
      for (PlanFile.Entry entry : reader) {
        if (!part.takes(entry.shardKey())) {
          continue;
        }
        Map<String, String> outcome = new LinkedHashMap<>();
        outcome.put("action", entry.action());
        outcome.put("key", entry.isCopy() ? entry.source() : entry.destination());
        StorageException failure =
            entry.isCopy()
                ? copies == null ? null : copies.failures().get(entry.source())
                : deletes == null ? null : deletes.failures().get(entry.destination());
        String status;
        if (failure != null) {
          status = "failed";
          outcome.put("error", failure.getMessage());
        } else if (entry.isCopy() ? written.contains(entry.destination()) : deletes != null) {
          status = "done";
        } else {
          status = "skipped";
          outcome.put(
              "why",
              stopped != null
                  ? "the run stopped: " + stopped.getMessage()
                  : "deletions wait until every copy of the shard succeeded");
        }
        outcome.put("status", status);
        switch (status) {
          case "done" -> totals.done++;
          case "failed" -> totals.failed++;
          default -> totals.skipped++;
        }
        json.writePOJO(outcome);
      }
      json.writeEndArray();
      json.writeName("totals");
      json.writePOJO(
          Map.of("done", totals.done, "failed", totals.failed, "skipped", totals.skipped));
      json.writeEndObject();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return totals;
  }
}
