package dev.flarelink.files;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project as the Files page needs it: where its configuration lives (the D1 database the auth Worker reads) and
 * the origins its app runs on. Never a secret.
 *
 * @param d1DatabaseId null until provisioning created the database
 */
public record ProjectLink(
        UUID id, String name, String accountId, @Nullable String d1DatabaseId, List<String> trustedOrigins) {}
