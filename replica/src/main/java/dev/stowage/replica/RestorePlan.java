package dev.stowage.replica;

import java.util.List;

/**
 * The files to apply, in order, to rebuild a database: a snapshot, if one qualifies, then the files
 * that carry it forward, each starting at most one transaction after the previous ends.
 *
 * @param target what was asked for
 * @param files the files in the order to apply them; never empty
 */
public record RestorePlan(RestoreTarget target, List<LtxFile> files) {
  /**
   * Copies the files.
   *
   * @param target see the record description
   * @param files see the record description
   * @throws IllegalArgumentException if there are no files
   */
  public RestorePlan {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a plan has at least one file");
    }
  }

  /**
   * Returns the transaction the restored database will be at.
   *
   * @return the last file's max TXID
   */
  public long txid() {
    return files.get(files.size() - 1).maxTxid();
  }

  /**
   * Returns the bytes the plan reads.
   *
   * @return the sum of the files' sizes
   */
  public long bytes() {
    return files.stream().mapToLong(LtxFile::size).sum();
  }
}
