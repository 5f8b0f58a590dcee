package dev.stowage.engine;

/**
 * What {@link TransferEngine#cancel} did: the transfers it stopped, the multipart uploads it
 * aborted and checked gone, and what was still open when its time was up.
 *
 * @param transfers objects whose transfer was running when the engine was cancelled
 * @param abortedUploads multipart uploads aborted (and checked gone) since the cancel
 * @param allEnded whether every transfer ended, cleanup included, within the time given
 * @param openUploads multipart uploads still open when the time was up
 * @param journaledUploads of those, how many were written to the abort journal for {@code sweep}
 */
public record CancelReport(
    int transfers, int abortedUploads, boolean allEnded, int openUploads, int journaledUploads) {

  /**
   * Says it in one line, such as {@code cancelled 1 transfer; 1 multipart upload aborted; nothing
   * left behind}.
   *
   * @return the line
   */
  public String describe() {
    StringBuilder line =
        new StringBuilder("cancelled ")
            .append(transfers)
            .append(transfers == 1 ? " transfer; " : " transfers; ")
            .append(abortedUploads)
            .append(abortedUploads == 1 ? " multipart upload" : " multipart uploads")
            .append(" aborted; ");
    if (openUploads == 0 && allEnded) {
      return line.append("nothing left behind").toString();
    }
    if (!allEnded) {
      line.append("some transfers were still ending when time was up; ");
    }
    line.append(openUploads)
        .append(openUploads == 1 ? " upload" : " uploads")
        .append(" still open");
    if (openUploads > 0) {
      line.append(", ").append(journaledUploads).append(" of them journaled for 'stowage sweep'");
    }
    return line.toString();
  }
}
