package dev.flarelink.files;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project as the Files page needs it: where its configuration lives (the D1 database the auth Worker reads) and
 * the origins its app runs on. Never a secret.
 *
 * @param d1DatabaseId null until provisioning created the database
 * @param workersDevUrl the auth Worker's address, asked to reload after a key change; null until provisioned
 */
public record ProjectLink(
        UUID id,
        String name,
        String accountId,
        @Nullable String d1DatabaseId,
        List<String> trustedOrigins,
        @Nullable String workersDevUrl) {}
