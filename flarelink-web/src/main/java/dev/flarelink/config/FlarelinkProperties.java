package dev.flarelink.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flarelink's own settings.
 *
 * @param dataDir where the embedded PostgreSQL, the generated master key and the sandbox keep their files
 *     ({@code FLARELINK_DATA_DIR}); relative paths resolve against the working directory
 * @param workingRequests how many page and read requests may work at once ({@code FLARELINK_WORKING_REQUESTS});
 *     unset, one per processor and at least two. Others wait their turn; a request waiting on Cloudflare, R2 or a
 *     Worker does not count (see {@code WorkingRequestsFilter})
 */
@ConfigurationProperties("flarelink")
public record FlarelinkProperties(
        @DefaultValue("./.flarelink") Path dataDir,
        @Nullable Integer workingRequests) {

    /** Requests that work at once: the setting, or one per processor and at least two. */
    public int workingRequestsAtOnce() {
        if (workingRequests == null) {
            return Math.max(2, Runtime.getRuntime().availableProcessors());
        }
        if (workingRequests < 1) {
            throw new IllegalArgumentException("FLARELINK_WORKING_REQUESTS must be 1 or more (it was " + workingRequests
                    + "); leave it unset for one per processor.");
        }
        return workingRequests;
    }
}
