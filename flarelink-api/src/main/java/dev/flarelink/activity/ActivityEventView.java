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

    // Display values for the Activity page's rows, computed here: each expression a template evaluates per row is
    // resolved by reflection, and nested ones (e.entry().x()) twice (issue 24).

    /** The event page's path, {@code /activity/<seq>}. */
    public String detailPath() {
        return "/activity/" + entry.seq();
    }

    public String action() {
        return entry.action();
    }

    public String outcome() {
        return entry.outcome();
    }

    /** The outcome badge's CSS classes. */
    public String outcomeClass() {
        return "outcome outcome-" + entry.outcome();
    }

    /** The HTTP status, or empty for an action. */
    public String statusText() {
        return entry.status() == null ? "" : entry.status().toString();
    }

    public @Nullable String errorCodes() {
        return entry.errorCodes();
    }

    public @Nullable String cfRay() {
        return entry.cfRay();
    }

    /** "12 ms", or empty when the event has no duration. */
    public String durationText() {
        return entry.durationMs() == null ? "" : entry.durationMs() + " ms";
    }

    ActivityCursor cursor() {
        return new ActivityCursor(entry.occurredAt(), id);
    }
}
