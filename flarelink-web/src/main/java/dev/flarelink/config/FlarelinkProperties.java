package dev.flarelink.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flarelink's own settings.
 *
 * @param dataDir where the embedded PostgreSQL, the generated master key and the sandbox keep their files
 *     ({@code FLARELINK_DATA_DIR}); relative paths resolve against the working directory
 */
@ConfigurationProperties("flarelink")
public record FlarelinkProperties(
        @DefaultValue("./.flarelink") Path dataDir) {}
