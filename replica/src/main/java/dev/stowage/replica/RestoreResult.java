package dev.stowage.replica;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a restore wrote.
 *
 * @param database the database file, complete and synced
 * @param txid the transaction it is at
 * @param files the LTX files applied
 * @param pages the pages written (a page that several files carry counts each time)
 * @param pageSize the database's page size
 * @param bytesRead the bytes of LTX files read
 * @param duration how long it took
 */
public record RestoreResult(
    Path database,
    long txid,
    int files,
    long pages,
    int pageSize,
    long bytesRead,
    Duration duration) {}
