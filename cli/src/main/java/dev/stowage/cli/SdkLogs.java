package dev.stowage.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the OSS SDK's own log lines (commons-logging, to java.util.logging or, where a bridge is on
 * the class path, to SLF4J) off the terminal: it warns about every refused or cancelled request,
 * with the server's whole error document, while the command already prints one line. {@code
 * --debug} lets them through.
 */
final class SdkLogs {
  // java.util.logging holds loggers weakly; the level lasts only while this reference does.
  private static final Logger OSS_SDK = Logger.getLogger("com.aliyun.oss");

  private static final String SLF4J_SIMPLE_LEVEL = "org.slf4j.simpleLogger.log.com.aliyun.oss";

  private SdkLogs() {}

  static void quietUnless(boolean debug) {
    OSS_SDK.setLevel(debug ? Level.ALL : Level.OFF);
    // read by slf4j-simple when the SDK makes its logger, which is after this
    System.setProperty(SLF4J_SIMPLE_LEVEL, debug ? "debug" : "off");
  }
}
