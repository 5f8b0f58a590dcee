package dev.stowage.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the OSS SDK's own log lines (java.util.logging, through commons-logging) off the terminal:
 * it warns about every refused request with the server's whole error document, while the command
 * already prints one line. {@code --debug} lets them through.
 */
final class SdkLogs {
  // java.util.logging holds loggers weakly; the level lasts only while this reference does.
  private static final Logger OSS_SDK = Logger.getLogger("com.aliyun.oss");

  private SdkLogs() {}

  static void quietUnless(boolean debug) {
    OSS_SDK.setLevel(debug ? Level.ALL : Level.OFF);
  }
}
