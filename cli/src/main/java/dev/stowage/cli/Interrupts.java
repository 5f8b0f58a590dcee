package dev.stowage.cli;

import dev.stowage.engine.CancelReport;
import dev.stowage.engine.TransferEngine;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a command that transfers: the engine is cancelled (no new
 * request; multipart uploads aborted and checked gone; partial files removed) within {@link
 * #BOUND}, uploads still open then go to the abort journal, and one line says what was done; the
 * process exits 130 or 143. A second signal during that cleanup journals what is still open and
 * exits at once. Installed only by the real command ({@link Stowage#main}), never in a caller's
 * JVM.
 *
 * <p>The signals are seen through {@code sun.misc.Signal} (module {@code jdk.unsupported}), called
 * reflectively; where that is missing, or the signal was ignored when the process started (a
 * background job of a non-interactive shell), the JVM's own handling stays: the first signal still
 * runs the cleanup as a shutdown hook, and a second one does not cut it short.
 */
final class Interrupts implements AutoCloseable {
  /** How long cleanup may take after a signal before the rest is left to 'stowage sweep'. */
  static final Duration BOUND = Duration.ofSeconds(10);

  /** Set by {@link #install}: only a process of its own handles signals. */
  private static volatile boolean enabled;

  /** Set once a signal began the cancel: the command's own failure is then not reported again. */
  static volatile boolean interrupted;

  private static final AtomicInteger signals = new AtomicInteger();

  /**
   * The process's exit status, decided once: by the first signal, or by the command's end if that
   * came first. Without it, the command failing because it was cancelled could call {@code
   * System.exit(1)} just as the hooks finish, and the JVM halts on a non-zero status it is given
   * while shutting down: the run would end 1, not 130.
   */
  private static final AtomicInteger exitStatus = new AtomicInteger(-1);

  private static volatile Runnable afterCancel = () -> {};
  private static volatile Interrupts current;

  private final TransferEngine engine;
  private final PrintWriter err;
  private final Thread hook;

  /** What a command that cleans up after itself may leave if time runs out; null for none. */
  private final String leftover;

  /** Open until the guarded command has ended, its own cleanup done. */
  private final CountDownLatch ended = new CountDownLatch(1);

  private Interrupts(TransferEngine engine, PrintWriter err, Thread hook, String leftover) {
    this.engine = engine;
    this.err = err;
    this.hook = hook;
    this.leftover = leftover;
  }

  /** Makes this process handle SIGINT and SIGTERM as the class says; for {@link Stowage#main}. */
  static void install() {
    enabled = true;
    for (String name : new String[] {"INT", "TERM"}) {
      handle(name);
    }
  }

  /**
   * Sets what a signal's cleanup does once the engine is cancelled and the line said, within the
   * process's last moments: the metrics file of the run, say.
   */
  static void afterCancel(Runnable lastWords) {
    afterCancel = lastWords;
  }

  /** Guards an engine until closed; does nothing unless this process is the command's own. */
  static Interrupts guard(TransferEngine engine, PrintWriter err) {
    return guard(engine, err, null);
  }

  /**
   * Guards an engine until closed, as {@link #guard(TransferEngine, PrintWriter)} does, and on a
   * signal also waits, within the same bound, for the command to end: for a command that removes
   * what it wrote itself when its reads fail (a restore's temporary file).
   *
   * @param leftover what to say if the command has not ended when time is up
   */
  static Interrupts guardUntilEnded(TransferEngine engine, PrintWriter err, String leftover) {
    return guard(engine, err, leftover);
  }

  private static Interrupts guard(TransferEngine engine, PrintWriter err, String leftover) {
    if (!enabled) {
      return new Interrupts(engine, err, null, leftover);
    }
    Thread hook = new Thread(Interrupts::cleanUp, "stowage-cancel");
    Interrupts guard = new Interrupts(engine, err, hook, leftover);
    current = guard;
    Runtime.getRuntime().addShutdownHook(hook);
    return guard;
  }

  /** The shutdown hook: cancels the guarded engine within the bound and says what it did. */
  private static void cleanUp() {
    Interrupts guard = current;
    if (guard == null) {
      return;
    }
    interrupted = true;
    long deadline = System.nanoTime() + BOUND.toNanos();
    String done = guard.engine.cancel(BOUND).describe();
    if (guard.leftover != null && !guard.commandEnded(deadline)) {
      done += "; " + guard.leftover;
    }
    guard.say("interrupted: " + done);
    try {
      afterCancel.run();
    } catch (RuntimeException e) {
      guard.say("warning: " + e.getMessage());
    }
  }

  private boolean commandEnded(long deadline) {
    try {
      return ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The status to exit with once the command returned {@code commandCode}: the signal's if one came
   * first. For {@link Stowage#main}, before it calls {@code System.exit}.
   */
  static int exitStatus(int commandCode) {
    return exitStatus.compareAndSet(-1, commandCode) ? commandCode : exitStatus.get();
  }

  /** A signal: the first exits through the shutdown hook, a second journals and halts. */
  private static void onSignal(int number) {
    int exitCode = 128 + number;
    if (signals.incrementAndGet() == 1) {
      if (exitStatus.compareAndSet(-1, exitCode)) {
        new Thread(() -> System.exit(exitCode), "stowage-exit").start();
      } // else the command has ended and the process is exiting with its status
      return;
    }
    Interrupts guard = current;
    if (guard != null) {
      CancelReport report = guard.engine.cancel(Duration.ZERO);
      guard.say(
          "interrupted again: stopped at once; "
              + report.journaledUploads()
              + " of "
              + report.openUploads()
              + " open uploads journaled for 'stowage sweep'");
    }
    Runtime.getRuntime().halt(exitCode);
  }

  private static void handle(String name) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Method number = signal.getMethod("getNumber");
      Object proxy =
          Proxy.newProxyInstance(
              Interrupts.class.getClassLoader(),
              new Class<?>[] {handler},
              (self, method, args) -> {
                if (method.getName().equals("handle") && args != null && args.length == 1) {
                  onSignal((Integer) number.invoke(args[0]));
                  return null;
                }
                return switch (method.getName()) {
                  case "equals" -> self == args[0];
                  case "hashCode" -> System.identityHashCode(self);
                  default -> "stowage signal handler";
                };
              });
      signal
          .getMethod("handle", signal, handler)
          .invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // the JVM's own handling stays: the shutdown hook still cleans up on the first signal
    }
  }

  private void say(String line) {
    err.println("stowage: " + line);
    err.flush();
  }

  @Override
  public void close() {
    ended.countDown();
    if (hook == null) {
      return;
    }
    current = null;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: the process is exiting through it
    }
  }
}
