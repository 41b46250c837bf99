package dev.flarelink.activity;

import org.jspecify.annotations.Nullable;

/**
 * The result of re-computing a user's chain.
 *
 * @param intact whether every link held
 * @param checked how many events were verified before the first broken link (or in all), an interrupted earlier
 *     run's included when this one resumed it
 * @param firstBrokenSeq the sequence number of the first broken link, or {@code null} when intact
 * @param reason what is wrong at that link, in words, or {@code null} when intact
 * @param lastHash the hash at the end of the verified chain (compare it with a copy kept elsewhere)
 * @param resumedAfterSeq the event after which this run took over from an interrupted one, or {@code null} when it
 *     walked from the start (the genesis or the latest retention checkpoint)
 */
public record IntegrityReport(
        boolean intact,
        long checked,
        @Nullable Long firstBrokenSeq,
        @Nullable String reason,
        @Nullable String lastHash,
        @Nullable Long resumedAfterSeq) {

    static IntegrityReport intact(long checked, String lastHash, @Nullable Long resumedAfterSeq) {
        return new IntegrityReport(true, checked, null, null, lastHash, resumedAfterSeq);
    }

    static IntegrityReport broken(long checked, long seq, String reason, @Nullable Long resumedAfterSeq) {
        return new IntegrityReport(false, checked, seq, reason, null, resumedAfterSeq);
    }
}
