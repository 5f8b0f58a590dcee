package dev.stowage.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client trial in its own JVM: set-up and warm-ups, then {@code MEASURE} on standard output and
 * one measured run once the orchestrator answers {@code GO} (it reads the server's counters in
 * between), then {@code RESULT <json>}, then clean-up once it answers again.
 */
final class Trial {
  private Trial() {}

  public static void main(String[] args) throws Exception {
    TrialSettings settings = TrialSettings.parse(args);
    BufferedReader orders =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Work work = Works.of(settings)) {
      work.setUp();
      for (int i = settings.count("warmups"); i > 0; i--) {
        work.warmUp();
      }
      System.out.println("MEASURE");
      System.out.flush();
      if (!"GO".equals(orders.readLine())) {
        System.exit(2);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      Probe probe = Probe.start();
      try {
        result.putAll(work.run());
        result.putAll(probe.stop());
      } catch (Exception e) {
        result.putAll(probe.stop());
        result.put("error", e.toString());
      }
      System.out.println("RESULT " + Json.write(result));
      System.out.flush();
      orders.readLine(); // the server's counters are read: what follows is not the run's
      work.cleanUp();
    }
    System.exit(0);
  }
}
