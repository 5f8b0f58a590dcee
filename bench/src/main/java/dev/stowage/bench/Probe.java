package dev.stowage.bench;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a trial costs its JVM between {@link #start} and {@link #stop}: wall and CPU seconds, and
 * memory above the idle baseline (resident set high-water mark, heap, direct buffers), and the
 * largest heap left after a collection during the run (the live set).
 */
final class Probe {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private static final java.util.Set<String> HEAP_POOLS =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final long startNanos;
  private final long uptimeAtStartMillis;
  private final double startCpu;
  private final double startKernelCpu;
  private final long baselineRss;
  private final boolean rssPeakReset;
  private final long baselineHeap;
  private final AtomicLong peakDirect = new AtomicLong();
  private final AtomicLong peakHeapAfterGc = new AtomicLong();
  private final List<BufferPoolMXBean> directPools =
      ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
          .filter(pool -> pool.getName().equals("direct"))
          .toList();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "bench-probe");
            thread.setDaemon(true);
            return thread;
          });

  private Probe() {
    System.gc();
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    baselineHeap = heapUsed(pools);
    rssPeakReset = resetRssPeak();
    baselineRss = statusKiB("VmRSS") * 1024;
    uptimeAtStartMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    sampler.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.MILLISECONDS);
    startCpu = processCpuSeconds();
    startKernelCpu = kernelCpuSeconds();
    startNanos = System.nanoTime();
  }

  static Probe start() {
    return new Probe();
  }

  Map<String, Object> stop() throws InterruptedException {
    long nanos = System.nanoTime() - startNanos;
    double cpu = processCpuSeconds() - startCpu;
    sampler.shutdown();
    if (!sampler.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the memory sampler did not stop");
    }
    sample();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("seconds", nanos / 1e9);
    result.put("cpuSeconds", cpu);
    result.put("kernelCpuSeconds", kernelCpuSeconds() - startKernelCpu);
    long peakRss = statusKiB("VmHWM") * 1024;
    result.put("rssPeakAboveBaseline", Math.max(0, peakRss - baselineRss));
    result.put("rssPeakReset", rssPeakReset);
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    result.put("heapPeakAboveBaseline", Math.max(0, heapPeak - baselineHeap));
    result.put("directPeak", peakDirect.get());
    result.put("heapAfterGcPeak", peakHeapAfterGc.get());
    return result;
  }

  /** Every few milliseconds while the run lasts, and once at its end. */
  private void sample() {
    long used = directPools.stream().mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    peakDirect.accumulateAndGet(used, Math::max);
    sampleHeapAfterGc();
  }

  /** The heap in use just after the latest collection: the live set, without the GC's slack. */
  private void sampleHeapAfterGc() {
    for (GarbageCollectorMXBean bean :
        ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class)) {
      GcInfo last = bean.getLastGcInfo();
      if (last != null && last.getStartTime() >= uptimeAtStartMillis) {
        long used =
            last.getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
        peakHeapAfterGc.accumulateAndGet(used, Math::max);
      }
    }
  }

  /** The CPU time of this whole JVM, every thread, JIT and GC included. */
  static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * The part of this JVM's CPU time spent in the kernel (system time in {@code /proc/self/stat}, at
   * Linux's 100 ticks a second): file and socket I/O, page faults; NaN elsewhere.
   */
  static double kernelCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[12]) / 100.0; // field 15, stime, counted from field 3
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long heapUsed(List<MemoryPoolMXBean> pools) {
    return pools.stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getUsage().getUsed())
        .sum();
  }

  /** Linux resets VmHWM to the current RSS when "5" is written to clear_refs. */
  private static boolean resetRssPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static long statusKiB(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }
}
