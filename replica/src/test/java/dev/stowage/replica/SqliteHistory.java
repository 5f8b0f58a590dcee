package dev.stowage.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SQLite database (sqlite-jdbc) changed transaction by transaction; each state's file image
 * is what a restore must bring back. Public for the CLI's tests (replica's test jar).
 */
public final class SqliteHistory {
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

  /**
   * Writes to a replica the history of a real database: a snapshot at transaction 1, L0 files for
   * transactions 2, 3 and 4, and an L1 compaction of 2 and 3, created a second apart from {@code
   * t0}. Rows after each transaction: 2, 402, 268, 268.
   *
   * @param client the replica
   * @param directory where the source database is kept
   * @param t0 the time before the first file
   * @return the database image after each transaction, index 0 empty
   * @throws Exception if SQLite fails
   */
  public static List<byte[]> replicate(ReplicaClient client, Path directory, Instant t0)
      throws Exception {
    SqliteHistory history = new SqliteHistory(directory);
    List<byte[]> images = new ArrayList<>();
    images.add(new byte[0]);
    images.add(
        history.apply(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
            "INSERT INTO notes (body) VALUES ('first'), ('second')"));
    images.add(
        history.apply(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
                + " INSERT INTO notes (body) SELECT printf('row %d %s', i, hex(randomblob(40)))"
                + " FROM n"));
    images.add(
        history.apply("DELETE FROM notes WHERE id % 3 = 0", "CREATE INDEX b ON notes(body)"));
    images.add(history.apply("UPDATE notes SET body = 'changed' WHERE id < 50"));
    put(client, LtxFile.SNAPSHOT_LEVEL, snapshot(images.get(1), 1, t0.plusSeconds(1)));
    for (int txid = 2; txid <= 4; txid++) {
      put(
          client,
          0,
          diff(images.get(txid - 1), images.get(txid), txid, txid, t0.plusSeconds(txid)));
    }
    put(client, 1, diff(images.get(1), images.get(3), 2, 3, t0.plusSeconds(3)));
    return images;
  }

  private static void put(ReplicaClient client, int level, LtxBuilder builder) {
    byte[] bytes = builder.build();
    LtxHeader header = LtxHeader.decode(Arrays.copyOf(bytes, LtxHeader.SIZE));
    client.write(level, header.minTxid(), header.maxTxid(), new ByteArrayInputStream(bytes));
  }

  /**
   * Opens a restored database with SQLite: it must pass its integrity check.
   *
   * @param database the database file
   * @return its rows
   * @throws SQLException if SQLite cannot read it
   */
  public static long checkedRows(Path database) throws SQLException {
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
