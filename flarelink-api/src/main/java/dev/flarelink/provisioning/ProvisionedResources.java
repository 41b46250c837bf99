package dev.flarelink.provisioning;

import org.jspecify.annotations.Nullable;

/** What a finished provisioning run found or created, copied onto the project. */
record ProvisionedResources(
        @Nullable String d1DatabaseId,
        @Nullable String kvNamespaceId,
        @Nullable String workersDevUrl,
        @Nullable String deployedVersion,
        @Nullable String deployedSha256) {}
