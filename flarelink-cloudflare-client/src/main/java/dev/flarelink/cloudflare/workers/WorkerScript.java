package dev.flarelink.cloudflare.workers;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deployed Worker script as returned by upload and list.
 *
 * @param id the script name
 * @param tag immutable script id
 * @param etag content hash of this version
 * @param createdOn creation time
 * @param modifiedOn last change
 * @param compatibilityDate the script's compatibility date
 * @param compatibilityFlags its compatibility flags
 * @param handlers exported handlers, e.g. {@code fetch}
 * @param hasModules whether it is a module Worker
 * @param usageModel usage model (legacy)
 * @param deploymentId id of the version an upload created
 * @param startupTimeMs measured startup time of an upload
 */
public record WorkerScript(
        String id,
        @Nullable String tag,
        @Nullable String etag,
        @Nullable Instant createdOn,
        @Nullable Instant modifiedOn,
        @Nullable String compatibilityDate,
        @Nullable List<String> compatibilityFlags,
        @Nullable List<String> handlers,
        @Nullable Boolean hasModules,
        @Nullable String usageModel,
        @Nullable String deploymentId,
        @Nullable Integer startupTimeMs) {}
