package dev.flarelink.activity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Activity log settings.
 *
 * @param retention how long events are kept ({@code flarelink.activity.retention}, e.g. {@code 365d}); older ones
 *     are removed daily and leave a checkpoint
 * @param retentionCron when the retention job runs (Spring cron, UTC)
 */
@ConfigurationProperties("flarelink.activity")
public record ActivityProperties(
        @DefaultValue("365d") Duration retention,
        @DefaultValue("0 17 3 * * *") String retentionCron) {

    public ActivityProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("flarelink.activity.retention must be positive, e.g. 365d");
        }
    }
}
