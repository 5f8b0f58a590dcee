package dev.stowage.oss.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link OssServer} for a test class (shared with its nested
 * classes), stops it after the class, and injects it into test and lifecycle method parameters.
 *
 * <pre>{@code
 * @ExtendWith(OssServerExtension.class)
 * class MyTest {
 *   @Test
 *   void works(OssServer server) { ... }
 * }
 *
 * class MyOtherTest {
 *   @RegisterExtension
 *   static final OssServerExtension OSS = OssServerExtension.withBuckets("my-bucket");
 * }
 * }</pre>
 */
public final class OssServerExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OssServerExtension.class);

  private final List<String> buckets;
  private volatile OssServer server;

  /** An extension that creates no bucket; for {@code @ExtendWith}. */
  public OssServerExtension() {
    this(List.of());
  }

  private OssServerExtension(List<String> buckets) {
    this.buckets = buckets;
  }

  /**
   * Returns an extension whose server has these buckets from the start.
   *
   * @param names the buckets' names
   * @return the extension, to register with {@code @RegisterExtension}
   */
  public static OssServerExtension withBuckets(String... names) {
    return new OssServerExtension(List.of(names));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = server(context);
  }

  /**
   * Returns the running server (after the class's {@code beforeAll}).
   *
   * @return the server
   * @throws IllegalStateException if no test class has started it yet
   */
  public OssServer server() {
    OssServer started = server;
    if (started == null) {
      throw new IllegalStateException(
          "the OSS server starts before all tests of the class; register the extension on the class");
    }
    return started;
  }

  private OssServer server(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .computeIfAbsent(OssServer.class, type -> start(), OssServer.class);
  }

  private OssServer start() {
    try {
      OssServer started = OssServer.builder().build().start();
      buckets.forEach(started::createBucket);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("the OSS server could not start", e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OssServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }
}
