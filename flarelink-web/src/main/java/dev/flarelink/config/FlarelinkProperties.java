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
 *     unset, one per processor (at least two) when PostgreSQL runs on this machine, four per processor when it is
 *     elsewhere and pages wait on the network for it. Others wait their turn; a request waiting on Cloudflare, R2 or
 *     a Worker does not count (see {@code WorkingRequestsFilter})
 */
@ConfigurationProperties("flarelink")
public record FlarelinkProperties(
        @DefaultValue("./.flarelink") Path dataDir,
        @Nullable Integer workingRequests) {

    /**
     * Requests that work at once: the setting, or by default one per processor (at least two) with the database on
     * this machine, where it shares the processors, and four per processor with one elsewhere, where a page holding
     * its turn also waits on the network for each statement.
     */
    public int workingRequestsAtOnce(boolean databaseOnThisMachine) {
        if (workingRequests == null) {
            int processors = Runtime.getRuntime().availableProcessors();
            return databaseOnThisMachine ? Math.max(2, processors) : 4 * processors;
        }
        if (workingRequests < 1) {
            throw new IllegalArgumentException("FLARELINK_WORKING_REQUESTS must be 1 or more (it was " + workingRequests
                    + "); leave it unset for one per processor.");
        }
        return workingRequests;
    }
}
