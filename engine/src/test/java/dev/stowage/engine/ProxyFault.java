package dev.stowage.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One fault a {@link FaultProxy} injects into the requests it matches, a given number of times.
 * Immutable; {@link #when}, {@link #times} and {@link #atByte} return copies.
 */
public final class ProxyFault {
  /** What the proxy does to a matched exchange. */
  public enum Kind {
    /** Resets the client's connection once the request head is read. */
    RESET_BEFORE_REQUEST_BODY,
    /** Relays part of the request body, then resets the connection. */
    RESET_DURING_REQUEST_BODY,
    /** Relays the response head and part of its body, then resets the connection. */
    RESET_DURING_RESPONSE_BODY,
    /**
     * Relays the response head (with its full Content-Length) and part of the body, then closes.
     */
    CUT_RESPONSE_BODY,
    /** Holds the response for a while before relaying it. */
    STALL,
    /** Answers 500 InternalError without reaching the server. */
    INTERNAL_ERROR_500,
    /** Answers 503 SlowDown. */
    SLOW_DOWN_503,
    /** Answers 429 TooManyRequests. */
    TOO_MANY_REQUESTS_429,
    /** Answers 504 GatewayTimeout. */
    GATEWAY_TIMEOUT_504,
    /**
     * Reads the whole request body, then answers 503 SlowDown without reaching the server: the
     * retry must send the same bytes again however many were sent (RTY-01).
     */
    SLOW_DOWN_AFTER_REQUEST_BODY,
    /** Answers 403 RequestTimeTooSkewed. */
    CLOCK_SKEW_403,
    /** Answers 507 XMinioStorageFull, as MinIO does when its disks are full. */
    STORAGE_FULL_507,
    /** Flips one byte of the request body on its way to the server. */
    FLIP_REQUEST_BYTE,
    /** Flips one byte of the response body on its way to the client. */
    FLIP_RESPONSE_BYTE,
    /** Relays the response body at a limited rate. */
    THROTTLE,
    /**
     * Relays the request to the server, then closes the connection without a byte of the answer:
     * the server may have done what was asked, and the client cannot know.
     */
    LOST_RESPONSE,
    /** Relays the request to the server, then answers bytes that are not HTTP and closes. */
    GARBAGE_RESPONSE,
    /** Answers 200 with a given XML body without reaching the server, such as a bad listing. */
    CANNED_ANSWER
  }

  /** The head of a request, for matching. */
  public record Request(String method, String target, String host) {
    /**
     * Returns whether the request's path and query contain a text.
     *
     * @param text the text
     * @return true if contained
     */
    public boolean targets(String text) {
      return target.contains(text);
    }
  }

  private final Kind kind;
  private final Predicate<Request> matcher;
  private final int times;
  private final long atByte;
  private final Duration duration;
  private final long bytesPerSecond;
  private final int every;
  private final String answer;

  private ProxyFault(
      Kind kind,
      Predicate<Request> matcher,
      int times,
      long atByte,
      Duration duration,
      long bytesPerSecond,
      int every,
      String answer) {
    this.kind = kind;
    this.matcher = matcher;
    this.times = times;
    this.atByte = atByte;
    this.duration = duration;
    this.bytesPerSecond = bytesPerSecond;
    this.every = every;
    this.answer = answer;
  }

  /**
   * Creates a fault of a kind that fires once, on any request, at byte 0 of a body.
   *
   * @param kind the kind
   * @return the fault
   */
  public static ProxyFault of(Kind kind) {
    return new ProxyFault(kind, request -> true, 1, 0, Duration.ofSeconds(1), 64 * 1024, 1, "");
  }

  /**
   * Holds matched responses for a duration.
   *
   * @param duration how long
   * @return the fault
   */
  public static ProxyFault stall(Duration duration) {
    return new ProxyFault(Kind.STALL, request -> true, 1, 0, duration, 0, 1, "");
  }

  /**
   * Relays matched response bodies at a rate.
   *
   * @param bytesPerSecond the rate
   * @return the fault
   */
  public static ProxyFault throttle(long bytesPerSecond) {
    return new ProxyFault(
        Kind.THROTTLE, request -> true, 1, 0, Duration.ZERO, bytesPerSecond, 1, "");
  }

  /**
   * Answers matched requests with 200 and an XML body, without reaching the server.
   *
   * @param xml the body
   * @return the fault
   */
  public static ProxyFault answer(String xml) {
    return new ProxyFault(Kind.CANNED_ANSWER, request -> true, 1, 0, Duration.ZERO, 0, 1, xml);
  }

  /**
   * Limits the fault to requests of a method whose target contains a text.
   *
   * @param method such as {@code PUT}
   * @param targetText such as {@code partNumber=}; empty for any
   * @return a copy
   */
  public ProxyFault when(String method, String targetText) {
    String upper = method.toUpperCase(Locale.ROOT);
    return new ProxyFault(
        kind,
        request -> request.method().equals(upper) && request.targets(targetText),
        times,
        atByte,
        duration,
        bytesPerSecond,
        every,
        answer);
  }

  /**
   * Sets how many exchanges the fault hits.
   *
   * @param count the count
   * @return a copy
   */
  public ProxyFault times(int count) {
    return new ProxyFault(kind, matcher, count, atByte, duration, bytesPerSecond, every, answer);
  }

  /**
   * Sets the body position where a reset, a cut or a flip happens.
   *
   * @param position the byte position in the body
   * @return a copy
   */
  public ProxyFault atByte(long position) {
    return new ProxyFault(kind, matcher, times, position, duration, bytesPerSecond, every, answer);
  }

  /**
   * Hits only every n-th matching exchange, so a retry of the one hit usually goes through.
   *
   * @param n 1 for every exchange
   * @return a copy
   */
  public ProxyFault everyNth(int n) {
    return new ProxyFault(kind, matcher, times, atByte, duration, bytesPerSecond, n, answer);
  }

  /**
   * Returns the kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  boolean matches(Request request) {
    return matcher.test(request);
  }

  int times() {
    return times;
  }

  int every() {
    return every;
  }

  long atByte() {
    return atByte;
  }

  Duration duration() {
    return duration;
  }

  long bytesPerSecond() {
    return bytesPerSecond;
  }

  String answer() {
    return answer;
  }

  @Override
  public String toString() {
    return kind + " x" + times + (atByte > 0 ? " at byte " + atByte : "");
  }
}
