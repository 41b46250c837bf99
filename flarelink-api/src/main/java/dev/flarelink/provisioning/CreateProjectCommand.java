package dev.flarelink.provisioning;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the New project wizard submits.
 *
 * @param connectionId the connection to provision on; null picks the user's only active connection
 * @param name the project name, which becomes part of every resource name ({@code flarelink-<name>-auth})
 * @param trustedOrigins the app origins allowed to call the Worker, one {@code scheme://host[:port]} per line
 * @param r2Bucket an R2 bucket to create for files, or null/blank for none
 */
public record CreateProjectCommand(
        @Nullable UUID connectionId,
        String name,
        String trustedOrigins,
        @Nullable String r2Bucket) {}
