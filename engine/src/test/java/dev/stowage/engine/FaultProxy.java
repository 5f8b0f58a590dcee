package dev.stowage.engine;

import dev.stowage.engine.ProxyFault.Kind;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy on loopback in front of a test server (S3Proxy, oss-server), injecting {@link
 * ProxyFault}s at the wire: resets before and during request bodies, resets and cuts of response
 * bodies (with their full Content-Length), stalls, error answers (500, 503 SlowDown, 429, 504,
 * RequestTimeTooSkewed), single flipped bytes both ways, throttling, answers lost after the server
 * acted, garbage instead of an answer, and canned answers. The client signs for the proxy's address
 * and the proxy forwards the Host header unchanged, so signatures hold. It counts what fired.
 * Public for the test jar.
 */
public final class FaultProxy implements AutoCloseable {
  private static final int MAX_HEAD = 64 * 1024;
  private static final byte[] GARBAGE =
      "\u0000\u00ffSPDY/9 not-a-status ~~\r\n\r\n\u0001".getBytes(StandardCharsets.ISO_8859_1);
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final Duration CLOCK_AHEAD_BY = Duration.ofHours(8);

  private final ServerSocket listener;
  private final int backendPort;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private final List<Armed> armed = new ArrayList<>();
  private final Map<Kind, AtomicInteger> fired = new EnumMap<>(Kind.class);
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger exchanges = new AtomicInteger();
  private final Set<ServerQuirk> quirks = ConcurrentHashMap.newKeySet();

  private record Armed(ProxyFault fault, AtomicInteger remaining, AtomicInteger seen) {}

  private FaultProxy(ServerSocket listener, int backendPort) {
    this.listener = listener;
    this.backendPort = backendPort;
    for (Kind kind : Kind.values()) {
      fired.put(kind, new AtomicInteger());
    }
  }

  /**
   * Starts a proxy on a free loopback port in front of a server on another.
   *
   * @param backendPort the server's loopback port
   * @return the running proxy
   * @throws IOException if no port can be bound
   */
  public static FaultProxy start(int backendPort) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    FaultProxy proxy = new FaultProxy(listener, backendPort);
    Thread acceptor = new Thread(proxy::accept, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return proxy;
  }

  /**
   * Returns the proxy's endpoint, {@code http://127.0.0.1:PORT}.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /**
   * Arms a fault; faults are tried in the order they were armed.
   *
   * @param fault the fault
   * @return this proxy
   */
  public FaultProxy inject(ProxyFault fault) {
    synchronized (armed) {
      armed.add(new Armed(fault, new AtomicInteger(fault.times()), new AtomicInteger()));
    }
    return this;
  }

  /**
   * Makes the server behave with these quirks on every exchange from now on, until {@link
   * #clear()}.
   *
   * @param behaviours the quirks
   * @return this proxy
   */
  public FaultProxy quirks(ServerQuirk... behaviours) {
    quirks.addAll(List.of(behaviours));
    return this;
  }

  /** Disarms every fault that has not fired yet, and drops every quirk. */
  public void clear() {
    synchronized (armed) {
      armed.clear();
    }
    quirks.clear();
  }

  /**
   * Returns how many exchanges are still to be hit by armed faults.
   *
   * @return the count
   */
  public int pending() {
    synchronized (armed) {
      return armed.stream().mapToInt(a -> a.remaining().get()).sum();
    }
  }

  /**
   * Returns how often each kind fired.
   *
   * @return the counts, every kind present
   */
  public Map<Kind, Integer> fired() {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    fired.forEach((kind, count) -> counts.put(kind, count.get()));
    return counts;
  }

  /**
   * Returns how many requests went through, faulted or not.
   *
   * @return the count
   */
  public int exchanges() {
    return exchanges.get();
  }

  /** Stops accepting, ends every stall and closes every connection. */
  @Override
  public void close() {
    closing.countDown();
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    connections.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private ProxyFault take(ProxyFault.Request request) {
    synchronized (armed) {
      for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
        Armed candidate = it.next();
        if (candidate.fault().matches(request)) {
          if (candidate.seen().incrementAndGet() % candidate.fault().every() != 0) {
            return null;
          }
          if (candidate.remaining().decrementAndGet() <= 0) {
            it.remove();
          }
          return candidate.fault();
        }
      }
      return null;
    }
  }

  private void serve(Socket client) {
    try {
      // heads and bodies go out in separate writes: without this, Nagle's algorithm and delayed
      // acknowledgements hold each small answer for tens of milliseconds
      client.setTcpNoDelay(true);
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      OutputStream toClient = client.getOutputStream();
      while (exchange(client, fromClient, toClient)) {
        exchanges.incrementAndGet();
      }
    } catch (IOException e) {
      // a side went away: the exchange ends as it would on a real network
    } finally {
      closeQuietly(client);
      sockets.remove(client);
    }
  }

  /**
   * Relays one request and its response over a server connection of its own, as a reverse proxy
   * without upstream keep-alive does: a server that closes its side after an answer (one that
   * refused a body before reading it all, say) never leaves the client's connection leading
   * nowhere; false when the client's connection is done.
   */
  private boolean exchange(Socket client, InputStream fromClient, OutputStream toClient)
      throws IOException {
    Head request = Head.read(fromClient);
    if (request == null) {
      return false;
    }
    Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
    sockets.add(backend);
    try {
      backend.setTcpNoDelay(true);
      return exchange(
          request,
          client,
          fromClient,
          toClient,
          backend,
          new BufferedInputStream(backend.getInputStream()),
          backend.getOutputStream());
    } finally {
      closeQuietly(backend);
      sockets.remove(backend);
    }
  }

  private boolean exchange(
      Head request,
      Socket client,
      InputStream fromClient,
      OutputStream toClient,
      Socket backend,
      InputStream fromServer,
      OutputStream toServer)
      throws IOException {
    String[] line = request.firstLine().split(" ", 3);
    ProxyFault.Request matched =
        new ProxyFault.Request(line[0], line.length > 1 ? line[1] : "", request.header("host"));
    ProxyFault fault = take(matched);
    Kind kind = fault == null ? null : fault.kind();
    boolean expectContinue = "100-continue".equalsIgnoreCase(request.header("expect"));
    if (kind == Kind.RESET_BEFORE_REQUEST_BODY) {
      fire(kind);
      reset(client);
      return false;
    }
    if (kind == Kind.SLOW_DOWN_AFTER_REQUEST_BODY) {
      continueIfExpected(toClient, expectContinue);
      new Body(null, fault, true)
          .relay(fromClient, OutputStream.nullOutputStream(), Framing.ofRequest(request));
      fire(kind);
      answerError(toClient, kind, false);
      return false;
    }
    if (kind != null && errorStatus(kind) > 0) {
      fire(kind);
      answerError(toClient, kind, matched.method().equals("HEAD"));
      return false;
    }
    if (kind == Kind.CANNED_ANSWER) {
      fire(kind);
      answer(toClient, fault.answer());
      return false;
    }
    if ((quirks.contains(ServerQuirk.NO_UPLOAD_LISTING_OR_ABORT) && listsOrAbortsUploads(matched))
        || (quirks.contains(ServerQuirk.NO_LIST_OBJECTS_V2)
            && matched.method().equals("GET")
            && matched.target().contains("list-type=2"))) {
      continueIfExpected(toClient, expectContinue);
      new Body(null, null, true)
          .relay(fromClient, OutputStream.nullOutputStream(), Framing.ofRequest(request));
      respond(toClient, "501 Not Implemented", error("NotImplemented"), false);
      return false;
    }
    if (quirks.contains(ServerQuirk.REQUIRES_CONTENT_MD5)
        && matched.method().equals("POST")
        && matched.target().matches(".*[?&]delete(=[^&]*)?(&.*)?$")
        && request.header("content-md5") == null) {
      continueIfExpected(toClient, expectContinue);
      new Body(null, null, true)
          .relay(fromClient, OutputStream.nullOutputStream(), Framing.ofRequest(request));
      respond(toClient, "400 Bad Request", error("MissingContentMD5"), false);
      return false;
    }
    continueIfExpected(toClient, expectContinue);
    toServer.write(quirkyRequest(request));
    Body requestBody = new Body(kind, fault, true);
    if (!requestBody.relay(fromClient, toServer, Framing.ofRequest(request))) {
      reset(client);
      reset(backend);
      return false;
    }
    toServer.flush();

    Head response = Head.read(fromServer);
    if (response == null) {
      return false;
    }
    if (kind == Kind.LOST_RESPONSE || kind == Kind.GARBAGE_RESPONSE) {
      fire(kind);
      if (kind == Kind.GARBAGE_RESPONSE) {
        toClient.write(GARBAGE);
        toClient.flush();
      }
      return false; // both connections close; the server's answer is never seen
    }
    if (kind == Kind.STALL) {
      fire(kind);
      try {
        closing.await(fault.duration().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    toClient.write(quirkyResponse(matched, response));
    Body responseBody = new Body(kind, fault, false);
    Framing framing = Framing.ofResponse(response, matched.method());
    if (!responseBody.relay(fromServer, toClient, framing)) {
      if (kind == Kind.RESET_DURING_RESPONSE_BODY) {
        reset(client);
      } else {
        toClient.flush();
        client.shutdownOutput();
      }
      return false;
    }
    toClient.flush();
    return framing.kind != Framing.Kind.UNTIL_CLOSE
        && !"close".equalsIgnoreCase(response.header("connection"));
  }

  private static boolean listsOrAbortsUploads(ProxyFault.Request request) {
    String target = request.target();
    return (request.method().equals("GET") && target.contains("?uploads"))
        || (request.method().equals("DELETE") && target.contains("uploadId="));
  }

  /** The request head as the quirky server sees it. */
  private byte[] quirkyRequest(Head request) {
    Map<String, String> set = new HashMap<>();
    List<String> drop = new ArrayList<>(List.of("expect"));
    String sha = request.header("x-amz-content-sha256");
    if (quirks.contains(ServerQuirk.STORES_CHUNKED_FRAMING)
        && sha != null
        && sha.startsWith("STREAMING-")) {
      drop.addAll(List.of("content-encoding", "x-amz-decoded-content-length", "x-amz-trailer"));
      set.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    }
    if (quirks.contains(ServerQuirk.IGNORES_IF_NONE_MATCH)) {
      drop.add("if-none-match");
    }
    return request.rewritten(drop, set);
  }

  /** The response head as the quirky server sends it. */
  private byte[] quirkyResponse(ProxyFault.Request request, Head response) {
    Map<String, String> set = new HashMap<>();
    List<String> drop = new ArrayList<>();
    if (quirks.contains(ServerQuirk.NO_CHECKSUMS)) {
      for (String[] header : response.headers()) {
        if (header[0].startsWith("x-amz-checksum-")) {
          drop.add(header[0]);
        }
      }
    }
    String etag = response.header("etag");
    if (quirks.contains(ServerQuirk.OPAQUE_ETAG)
        && etag != null
        && !request.targets("partNumber=")) {
      set.put("ETag", "\"opaque-" + Integer.toHexString(etag.hashCode()) + "\"");
    }
    String lastModified = response.header("last-modified");
    if (quirks.contains(ServerQuirk.CLOCK_AHEAD) && lastModified != null) {
      set.put(
          "Last-Modified",
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME)
                  .plus(CLOCK_AHEAD_BY)));
    }
    return drop.isEmpty() && set.isEmpty() ? response.raw() : response.rewritten(drop, set);
  }

  private void fire(Kind kind) {
    fired.get(kind).incrementAndGet();
  }

  private static int errorStatus(Kind kind) {
    return switch (kind) {
      case INTERNAL_ERROR_500 -> 500;
      case SLOW_DOWN_503, SLOW_DOWN_AFTER_REQUEST_BODY -> 503;
      case TOO_MANY_REQUESTS_429 -> 429;
      case GATEWAY_TIMEOUT_504 -> 504;
      case CLOCK_SKEW_403 -> 403;
      case STORAGE_FULL_507 -> 507;
      default -> 0;
    };
  }

  private static void continueIfExpected(OutputStream toClient, boolean expected)
      throws IOException {
    if (expected) {
      toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      toClient.flush();
    }
  }

  private static void answer(OutputStream out, String xml) throws IOException {
    respond(out, "200 OK", xml.getBytes(StandardCharsets.UTF_8), false);
  }

  private static void answerError(OutputStream out, Kind kind, boolean headRequest)
      throws IOException {
    int status = errorStatus(kind);
    String code =
        switch (kind) {
          case INTERNAL_ERROR_500 -> "InternalError";
          case SLOW_DOWN_503, SLOW_DOWN_AFTER_REQUEST_BODY -> "SlowDown";
          case TOO_MANY_REQUESTS_429 -> "TooManyRequests";
          case GATEWAY_TIMEOUT_504 -> "GatewayTimeout";
          case STORAGE_FULL_507 -> "XMinioStorageFull";
          default -> "RequestTimeTooSkewed";
        };
    String reason =
        switch (status) {
          case 500 -> "Internal Server Error";
          case 503 -> "Service Unavailable";
          case 429 -> "Too Many Requests";
          case 504 -> "Gateway Timeout";
          case 507 -> "Insufficient Storage";
          default -> "Forbidden";
        };
    byte[] body =
        error(
            code,
            kind == Kind.CLOCK_SKEW_403
                ? "<ServerTime>" + ISO_MILLIS.format(Instant.now()) + "</ServerTime>"
                : "");
    respond(out, status + " " + reason, body, headRequest);
  }

  private static byte[] error(String code) {
    return error(code, "");
  }

  private static byte[] error(String code, String extra) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>injected by the fault proxy</Message>"
            + extra
            + "<RequestId>FAULTPROXY0000001</RequestId><HostId>fault-proxy</HostId></Error>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Writes a whole response of the proxy's own, without reaching the server, and ends it. */
  private static void respond(OutputStream out, String status, byte[] body, boolean headRequest)
      throws IOException {
    String head =
        "HTTP/1.1 "
            + status
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + (headRequest ? 0 : body.length)
            + "\r\nDate: "
            + DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atZone(ZoneOffset.UTC))
            + "\r\nx-amz-request-id: FAULTPROXY0000001\r\nx-oss-request-id: FAULTPROXY0000001"
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    if (!headRequest) {
      out.write(body);
    }
    out.flush();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /** A message head: the first line and the headers, and its bytes as received. */
  private record Head(String firstLine, List<String[]> headers, byte[] raw) {
    static Head read(InputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          if (bytes.size() == 0) {
            return null;
          }
          throw new EOFException("the head ended early");
        }
        bytes.write(b);
        matched =
            (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        if (bytes.size() > MAX_HEAD) {
          throw new IOException("head over " + MAX_HEAD + " bytes");
        }
      }
      byte[] raw = bytes.toByteArray();
      String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
      List<String[]> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.add(
              new String[] {
                lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).strip()
              });
        }
      }
      return new Head(lines[0], headers, raw);
    }

    String header(String name) {
      for (String[] header : headers) {
        if (header[0].equals(name)) {
          return header[1];
        }
      }
      return null;
    }

    /** The head without some headers and with others set, names case-insensitive. */
    byte[] rewritten(List<String> drop, Map<String, String> set) {
      StringBuilder head = new StringBuilder(firstLine).append("\r\n");
      String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        String name = colon > 0 ? lines[i].substring(0, colon).strip() : "";
        boolean replaced =
            drop.stream().anyMatch(name::equalsIgnoreCase)
                || set.keySet().stream().anyMatch(name::equalsIgnoreCase);
        if (colon > 0 && !replaced) {
          head.append(lines[i]).append("\r\n");
        }
      }
      set.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** How a body is delimited. */
  private record Framing(Kind kind, long length) {
    enum Kind {
      NONE,
      LENGTH,
      CHUNKED,
      UNTIL_CLOSE
    }

    static Framing ofRequest(Head head) {
      if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
        return new Framing(Kind.CHUNKED, -1);
      }
      String length = head.header("content-length");
      return length == null
          ? new Framing(Kind.NONE, 0)
          : new Framing(Kind.LENGTH, Long.parseLong(length));
    }

    static Framing ofResponse(Head head, String method) {
      int status = Integer.parseInt(head.firstLine().split(" ")[1]);
      if (method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
        return new Framing(Kind.NONE, 0);
      }
      if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
        return new Framing(Kind.CHUNKED, -1);
      }
      String length = head.header("content-length");
      return length == null
          ? new Framing(Kind.UNTIL_CLOSE, -1)
          : new Framing(Kind.LENGTH, Long.parseLong(length));
    }
  }

  /** Relays one body, applying the exchange's fault if it acts on this direction. */
  private final class Body {
    private final ProxyFault.Kind kind;
    private final ProxyFault fault;
    private long position;
    private boolean done;

    Body(ProxyFault.Kind kind, ProxyFault fault, boolean request) {
      boolean acts =
          kind != null
              && (request
                  ? kind == ProxyFault.Kind.RESET_DURING_REQUEST_BODY
                      || kind == ProxyFault.Kind.FLIP_REQUEST_BYTE
                  : kind == ProxyFault.Kind.RESET_DURING_RESPONSE_BODY
                      || kind == ProxyFault.Kind.CUT_RESPONSE_BODY
                      || kind == ProxyFault.Kind.FLIP_RESPONSE_BYTE
                      || kind == ProxyFault.Kind.THROTTLE);
      this.kind = acts ? kind : null;
      this.fault = fault;
    }

    /** Relays the body; false if the fault ended the connection. */
    boolean relay(InputStream in, OutputStream out, Framing framing) throws IOException {
      switch (framing.kind()) {
        case NONE -> {
          return true;
        }
        case LENGTH -> {
          return copy(in, out, framing.length());
        }
        case UNTIL_CLOSE -> {
          return copy(in, out, Long.MAX_VALUE);
        }
        default -> {
          while (true) {
            String sizeLine = line(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            long size =
                Long.parseLong(
                    (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
              String trailer;
              do {
                trailer = line(in);
                out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
              } while (!trailer.isEmpty());
              return true;
            }
            if (!copy(in, out, size)) {
              return false;
            }
            out.write((line(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          }
        }
      }
    }

    private boolean copy(InputStream in, OutputStream out, long length) throws IOException {
      byte[] buffer = new byte[16 * 1024];
      long left = length;
      while (left > 0) {
        int max = (int) Math.min(buffer.length, left);
        if (kind == ProxyFault.Kind.THROTTLE) {
          max = (int) Math.min(max, Math.max(1, fault.bytesPerSecond() / 20));
        }
        int read = in.read(buffer, 0, max);
        if (read < 0) {
          if (length == Long.MAX_VALUE) {
            return true;
          }
          throw new EOFException("the body ended early");
        }
        if (!apply(buffer, read, out)) {
          return false;
        }
        left -= read;
      }
      return true;
    }

    /** Writes one buffer, applying the fault; false if it ended the connection. */
    private boolean apply(byte[] buffer, int read, OutputStream out) throws IOException {
      long at = fault == null ? 0 : fault.atByte();
      boolean here = kind != null && !done && at >= position && at < position + read;
      if (here
          && (kind == ProxyFault.Kind.FLIP_REQUEST_BYTE
              || kind == ProxyFault.Kind.FLIP_RESPONSE_BYTE)) {
        buffer[(int) (at - position)] ^= 0x5A;
        done = true;
        fire(kind);
      }
      if (here
          && (kind == ProxyFault.Kind.RESET_DURING_REQUEST_BODY
              || kind == ProxyFault.Kind.RESET_DURING_RESPONSE_BODY
              || kind == ProxyFault.Kind.CUT_RESPONSE_BODY)) {
        out.write(buffer, 0, (int) (at - position));
        out.flush();
        done = true;
        fire(kind);
        return false;
      }
      out.write(buffer, 0, read);
      position += read;
      if (kind == ProxyFault.Kind.THROTTLE) {
        if (!done) {
          done = true;
          fire(kind);
        }
        out.flush();
        try {
          closing.await(Math.max(1, read * 1000L / fault.bytesPerSecond()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while throttling", e);
        }
      }
      return true;
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("a chunked body ended early");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) b);
    }
  }
}
