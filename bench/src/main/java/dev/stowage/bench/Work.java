package dev.stowage.bench;

import java.util.Map;

/** One side of one scenario, as a trial JVM runs it: warm-ups, then one measured run. */
interface Work extends AutoCloseable {
  /** Makes what the run needs and is not measured, such as the objects a delete removes. */
  default void setUp() throws Exception {}

  /** One unmeasured transfer of the same kind, to warm the JIT and the connections. */
  void warmUp() throws Exception;

  /**
   * The measured transfer.
   *
   * @return at least {@code bytes}, the payload moved; any other figure of the side
   */
  Map<String, Object> run() throws Exception;

  /** Removes what the run made, unmeasured. */
  default void cleanUp() throws Exception {}

  @Override
  default void close() {}
}
