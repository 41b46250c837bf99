package dev.flarelink.activity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One stored event with its place in the chain, as the Activity page, the detail page and the exports show it.
 *
 * @param id the row id (the page's tie-breaker; not part of the chain)
 * @param entry the chained fields
 * @param prevHash the hash of the previous event (or the checkpoint/genesis hash)
 * @param hash SHA-256 over {@code prevHash} and the canonical encoding of {@code entry}
 */
public record ActivityEventView(long id, ActivityEntry entry, String prevHash, String hash) {

    public long seq() {
        return entry.seq();
    }

    public Instant occurredAt() {
        return entry.occurredAt();
    }

    /** The time exactly as it is hashed and exported: ISO-8601 UTC, at most microseconds. */
    public String occurredAtText() {
        return HashChain.timestamp(entry.occurredAt());
    }

    public UUID userId() {
        return entry.userId();
    }

    public @Nullable String methodAndPath() {
        if (entry.method() == null && entry.path() == null) {
            return null;
        }
        return (entry.method() == null ? "" : entry.method() + " ") + (entry.path() == null ? "" : entry.path());
    }

    ActivityCursor cursor() {
        return new ActivityCursor(entry.occurredAt(), id);
    }
}
