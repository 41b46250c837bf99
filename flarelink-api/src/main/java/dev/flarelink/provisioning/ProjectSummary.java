package dev.flarelink.provisioning;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project as listed on the Projects page.
 *
 * @param status {@code provisioning}, {@code active}, {@code failed}, {@code deleting} or {@code delete_failed}
 */
public record ProjectSummary(
        UUID id,
        String name,
        String status,
        String workerName,
        @Nullable String workersDevUrl,
        Instant createdAt) {}
