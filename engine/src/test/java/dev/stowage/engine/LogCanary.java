package dev.stowage.engine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Turns the logs of the clients, their HTTP stack, the servers and Stowage up to their most verbose
 * (everything but HTTP bodies) and reads every line, as a whole with its stack trace, for the
 * secrets it is told of (RELIABILITY.md SEC-01). The libraries log through SLF4J or
 * commons-logging; in the tests both end in {@code java.util.logging}, where this handler sits on
 * the root logger.
 */
final class LogCanary extends Handler implements AutoCloseable {
  private static final List<String> VERBOSE =
      List.of("software.amazon.awssdk", "com.aliyun", "org.apache.http", "dev.stowage", "org.gaul");

  /** Bodies (bytes of objects) and the servlet container's internals: volume, not content. */
  private static final List<String> QUIET =
      List.of("org.apache.http.wire", "org.eclipse.jetty", "org.gaul.shaded.org.eclipse.jetty");

  private final SimpleFormatter formatter = new SimpleFormatter();

  /** Each logger set, with its level before; the reference keeps the logger, and so its level. */
  private final Map<Logger, Level> previous = new HashMap<>();

  private final List<Handler> console = new ArrayList<>();
  private final Set<String> secrets = new CopyOnWriteArraySet<>();
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong leaks = new AtomicLong();
  private final Map<String, Long> leaksByLogger = new ConcurrentHashMap<>();
  private final Map<String, Level> highestLeakLevel = new ConcurrentHashMap<>();

  static LogCanary install() {
    LogCanary canary = new LogCanary();
    canary.setLevel(Level.ALL);
    for (String name : VERBOSE) {
      canary.level(name, Level.ALL);
    }
    for (String name : QUIET) {
      canary.level(name, Level.INFO);
    }
    // the canary is the only reader while it is installed: the console gets none of these lines
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      canary.console.add(handler);
      root.removeHandler(handler);
    }
    root.addHandler(canary);
    return canary;
  }

  private void level(String name, Level level) {
    // java.util.logging holds loggers weakly; a level lasts only while a reference does
    Logger logger = Logger.getLogger(name);
    previous.put(logger, logger.getLevel());
    logger.setLevel(level);
  }

  /** Adds a secret that no line may hold. */
  void watch(String secret) {
    secrets.add(secret);
  }

  long lines() {
    return lines.get();
  }

  long leaks() {
    return leaks.get();
  }

  Map<String, Long> leaksByLogger() {
    return Map.copyOf(leaksByLogger);
  }

  /** The most severe level at which each logger wrote a secret. */
  Map<String, Level> highestLeakLevel() {
    return Map.copyOf(highestLeakLevel);
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    lines.incrementAndGet();
    StringBuilder text = new StringBuilder(formatter.formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      text.append('\n').append(trace);
    }
    for (String secret : secrets) {
      if (text.indexOf(secret) >= 0) {
        leaks.incrementAndGet();
        leaksByLogger.merge(String.valueOf(record.getLoggerName()), 1L, Long::sum);
        highestLeakLevel.merge(
            String.valueOf(record.getLoggerName()),
            record.getLevel(),
            (a, b) -> a.intValue() >= b.intValue() ? a : b);
      }
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger root = Logger.getLogger("");
    root.removeHandler(this);
    console.forEach(root::addHandler);
    previous.forEach(Logger::setLevel);
  }
}
