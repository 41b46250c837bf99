package dev.flarelink.provisioning;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A step row as stored. */
record StepRecord(
        String name,
        int position,
        String status,
        boolean createAttempted,
        boolean adopted,
        @Nullable String remoteId,
        @Nullable String error,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    boolean done() {
        return status.equals("done");
    }
}
