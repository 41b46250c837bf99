package dev.flarelink.provisioning;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Flarelink reaches a project's auth Worker to ask it to reload ({@code flarelink.reload.*}).
 *
 * @param enabled {@code false} writes changes without pinging; the Worker then picks them up within 60 s
 * @param target send every ping to this origin instead of the Worker's own URL (tests, or a proxy in front of
 *     workers.dev)
 * @param timeout how long one ping may take, connection included
 */
@ConfigurationProperties("flarelink.reload")
public record WorkerReloadProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable URI target,
        @DefaultValue("5s") Duration timeout) {}
