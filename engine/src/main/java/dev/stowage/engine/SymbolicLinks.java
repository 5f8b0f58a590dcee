package dev.stowage.engine;

/** What a walk of a local directory does with the symbolic links it meets. */
public enum SymbolicLinks {
  /** Leaves each link out and reports it in {@link BatchResult#skipped()}. */
  SKIP,
  /**
   * Follows each link to the file or directory it names; a link to a directory it is already inside
   * (a loop) and a link to nothing are left out and reported.
   */
  FOLLOW
}
