package dev.flarelink.cloudflare.d1;

import org.jspecify.annotations.Nullable;

/**
 * Execution metadata of one statement.
 *
 * @param changedDb whether the database changed
 * @param changes rows changed
 * @param duration milliseconds spent in the database
 * @param lastRowId rowid of the last insert
 * @param rowsRead rows read (including index rows)
 * @param rowsWritten rows written (including index rows)
 * @param sizeAfter database size in bytes after the statement
 * @param servedByRegion region that served the query
 * @param servedByPrimary whether the primary served it
 * @param servedByColo colo airport code
 */
public record D1Meta(
        @Nullable Boolean changedDb,
        @Nullable Long changes,
        @Nullable Double duration,
        @Nullable Long lastRowId,
        @Nullable Long rowsRead,
        @Nullable Long rowsWritten,
        @Nullable Long sizeAfter,
        @Nullable String servedByRegion,
        @Nullable Boolean servedByPrimary,
        @Nullable String servedByColo) {}
