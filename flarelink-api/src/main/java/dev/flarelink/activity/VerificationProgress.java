package dev.flarelink.activity;

import java.time.Instant;

/**
 * How far a running "Verify integrity" has got.
 *
 * @param checked events verified so far
 * @param total events this run verifies in all
 * @param startedAt when the run started
 * @param updatedAt when it last recorded progress
 */
public record VerificationProgress(long checked, long total, Instant startedAt, Instant updatedAt) {

    /** Whole percent done, 0 to 100. */
    public int percent() {
        return total <= 0 ? 100 : (int) Math.min(100, checked * 100 / total);
    }
}
