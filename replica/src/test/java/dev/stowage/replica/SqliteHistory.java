package dev.stowage.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;

/**
 * A real SQLite database (sqlite-jdbc) changed transaction by transaction; each state's file image
 * is what a restore must bring back.
 */
final class SqliteHistory {
  static final int PAGE_SIZE = 4096;

  private final Path file;

  SqliteHistory(Path directory) {
    this.file = directory.resolve("source.db");
  }

  /** Runs statements in one connection (rollback journal, so the file is whole once closed). */
  byte[] apply(String... statements) throws SQLException, IOException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA page_size=" + PAGE_SIZE);
      statement.execute("PRAGMA journal_mode=DELETE");
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    return Files.readAllBytes(file);
  }

  /** The LTX file that takes a database from one image to the next: the pages that changed. */
  static LtxBuilder diff(byte[] before, byte[] after, long min, long max, Instant timestamp) {
    LtxBuilder builder =
        new LtxBuilder(PAGE_SIZE, min, max, timestamp).commit(after.length / PAGE_SIZE);
    for (int i = 0; i * PAGE_SIZE < after.length; i++) {
      byte[] page = Arrays.copyOfRange(after, i * PAGE_SIZE, (i + 1) * PAGE_SIZE);
      boolean same =
          (i + 1) * PAGE_SIZE <= before.length
              && Arrays.equals(
                  page, Arrays.copyOfRange(before, i * PAGE_SIZE, (i + 1) * PAGE_SIZE));
      if (!same) {
        builder.page(i + 1, page);
      }
    }
    return builder;
  }

  static LtxBuilder snapshot(byte[] image, long txid, Instant timestamp) {
    return new LtxBuilder(PAGE_SIZE, 1, txid, timestamp)
        .commit(image.length / PAGE_SIZE)
        .pagesOf(image);
  }

  /** Opens a restored database with SQLite: it must pass its integrity check. Returns its rows. */
  static long checkedRows(Path database) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
        assertThat(check.next()).isTrue();
        assertThat(check.getString(1)).isEqualTo("ok");
      }
      try (ResultSet count =
          statement.executeQuery("SELECT count(*), sum(length(body)) FROM notes")) {
        count.next();
        return count.getLong(1);
      }
    }
  }
}
