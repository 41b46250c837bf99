package dev.flarelink.provisioning;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A provisioning run row as stored. */
record RunRecord(
        UUID id,
        UUID projectId,
        String kind,
        String status,
        int attempt,
        @Nullable String failedStep,
        @Nullable String error,
        Instant createdAt,
        @Nullable Instant finishedAt) {

    boolean unfinished() {
        return status.equals("pending") || status.equals("running") || status.equals("rolling_back");
    }
}
