package dev.stowage.oss.server;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A fault the server injects into the next matching requests, armed with {@link
 * Faults#inject(Fault)}. Immutable: {@link #on}, {@link #times} and {@link #forKeysStartingWith}
 * return changed copies. Every fault fires <em>once</em> unless {@link #times} says otherwise, a
 * stall included: for a steady latency, use {@code stall(delay).times(Integer.MAX_VALUE)}.
 *
 * <pre>{@code
 * server.faults().inject(Fault.error(503, "ServiceUnavailable").on(OssOperation.UPLOAD_PART).times(2));
 * server.faults().inject(Fault.truncateResponseBody(1024).on(OssOperation.GET_OBJECT));
 * }</pre>
 */
public final class Fault {
  /** What the server does instead of, or to, its answer. */
  public enum Kind {
    /** Answers with an error status and code; the operation does not run. */
    ERROR,
    /** Waits before running the operation. */
    STALL,
    /** Resets the connection after reading the request; the operation does not run. */
    RESET_BEFORE,
    /** Runs the operation, then resets the connection instead of answering. */
    RESET_AFTER,
    /** Sends the full Content-Length but closes the connection after some body bytes. */
    TRUNCATE_BODY,
    /** Flips one byte of the response body. */
    CORRUPT_BODY
  }

  private final Kind kind;
  private final int status;
  private final String code;
  private final Duration delay;
  private final long atByte;
  private final Set<OssOperation> operations;
  private final int times;
  private final String keyPrefix;

  private Fault(
      Kind kind,
      int status,
      String code,
      Duration delay,
      long atByte,
      Set<OssOperation> operations,
      int times,
      String keyPrefix) {
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.delay = delay;
    this.atByte = atByte;
    this.operations = operations;
    this.times = times;
    this.keyPrefix = keyPrefix;
  }

  private static Fault of(Kind kind, int status, String code, Duration delay, long atByte) {
    return new Fault(kind, status, code, delay, atByte, EnumSet.allOf(OssOperation.class), 1, "");
  }

  /**
   * Answers with an OSS error, such as 503 {@code ServiceUnavailable}, 429 {@code Throttling} or
   * 403 {@code RequestTimeTooSkewed}.
   *
   * @param status the HTTP status, 400 to 599
   * @param code the OSS error code
   * @return the fault
   */
  public static Fault error(int status, String code) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599, got " + status);
    }
    return of(Kind.ERROR, status, Objects.requireNonNull(code, "code is null"), Duration.ZERO, -1);
  }

  /**
   * Waits, then serves the request.
   *
   * @param delay how long to wait
   * @return the fault
   */
  public static Fault stall(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay is negative: " + delay);
    }
    return of(Kind.STALL, 0, null, delay, -1);
  }

  /**
   * Resets the connection once the request is read, without running it.
   *
   * @return the fault
   */
  public static Fault resetBeforeResponse() {
    return of(Kind.RESET_BEFORE, 0, null, Duration.ZERO, -1);
  }

  /**
   * Runs the request, then resets the connection instead of answering: the client cannot tell
   * whether it happened.
   *
   * @return the fault
   */
  public static Fault resetAfterExecution() {
    return of(Kind.RESET_AFTER, 0, null, Duration.ZERO, -1);
  }

  /**
   * Answers with the full Content-Length, sends the body's first {@code atByte} bytes, and closes
   * the connection.
   *
   * @param atByte how many body bytes to send
   * @return the fault
   */
  public static Fault truncateResponseBody(long atByte) {
    return of(Kind.TRUNCATE_BODY, 0, null, Duration.ZERO, nonNegative(atByte));
  }

  /**
   * Flips the bits of one response body byte (if the body is that long).
   *
   * @param atByte the byte's offset in the body
   * @return the fault
   */
  public static Fault corruptResponseBody(long atByte) {
    return of(Kind.CORRUPT_BODY, 0, null, Duration.ZERO, nonNegative(atByte));
  }

  private static long nonNegative(long atByte) {
    if (atByte < 0) {
      throw new IllegalArgumentException("atByte is negative: " + atByte);
    }
    return atByte;
  }

  /**
   * Limits the fault to these operations (by default it matches every operation).
   *
   * @param first an operation
   * @param more more operations
   * @return the changed copy
   */
  public Fault on(OssOperation first, OssOperation... more) {
    return new Fault(kind, status, code, delay, atByte, EnumSet.of(first, more), times, keyPrefix);
  }

  /**
   * Sets how many matching requests get the fault (by default 1).
   *
   * @param count at least 1
   * @return the changed copy
   */
  public Fault times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    return new Fault(kind, status, code, delay, atByte, operations, count, keyPrefix);
  }

  /**
   * Limits the fault to requests whose object key (or, for bucket requests, {@code prefix}
   * parameter) starts with a prefix, so that concurrent tests do not take each other's faults.
   *
   * @param prefix the key prefix
   * @return the changed copy
   */
  public Fault forKeysStartingWith(String prefix) {
    return new Fault(
        kind,
        status,
        code,
        delay,
        atByte,
        operations,
        times,
        Objects.requireNonNull(prefix, "prefix is null"));
  }

  /**
   * Returns what the fault does.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Duration delay() {
    return delay;
  }

  long atByte() {
    return atByte;
  }

  int times() {
    return times;
  }

  boolean matches(OssOperation operation, String key) {
    return operations.contains(operation) && key.startsWith(keyPrefix);
  }

  @Override
  public String toString() {
    return "Fault["
        + kind
        + (kind == Kind.ERROR ? " " + status + " " + code : "")
        + (kind == Kind.STALL ? " " + delay : "")
        + (atByte >= 0 ? " at byte " + atByte : "")
        + ", "
        + times
        + "x on "
        + (operations.size() == OssOperation.values().length ? "any operation" : operations)
        + (keyPrefix.isEmpty() ? "" : ", keys starting with '" + keyPrefix + "'")
        + "]";
  }
}
