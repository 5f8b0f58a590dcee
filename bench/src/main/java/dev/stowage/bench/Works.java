package dev.stowage.bench;

/** Which work a trial runs, by scenario and side. */
final class Works {
  static final String STOWAGE = "stowage";

  private Works() {}

  static Work of(TrialSettings settings) throws Exception {
    String side = settings.side();
    if (side.equals(STOWAGE)
        || side.equals("setup")
        || side.equals("stowage-no-latency")
        || side.equals("two-listings")) {
      return StowageWork.of(settings);
    }
    return switch (side) {
      case "transfer-manager", "single-get", "sdk-batches" -> AwsWork.of(settings);
      case "oss-upload-file" -> OssWork.of(settings);
      case "cp-sync" -> CopyWork.of(settings);
      case "null-put", "null-get", "null-head" -> NullClient.of(settings);
      case "loopback", "kernels" -> Calibration.of(settings);
      default -> throw new IllegalArgumentException("no such side: " + side);
    };
  }
}
