package dev.flarelink.config;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sandbox-mode settings for the local Workers runtime (docs/sandbox.md).
 *
 * @param runWorkers run every uploaded Worker locally in workerd through Miniflare
 *     ({@code FLARELINK_SANDBOX_RUN_WORKERS}, default true)
 * @param nodeModules a node_modules directory holding miniflare ({@code FLARELINK_SANDBOX_NODE_MODULES}); unset
 *     looks for {@code flarelink-worker-bundle/src/main/worker/node_modules} upward from the working directory
 * @param nodePath the PATH searched for {@code node}; unset uses the process's PATH
 */
@ConfigurationProperties("flarelink.sandbox")
public record SandboxProperties(
        @DefaultValue("true") boolean runWorkers,
        @Nullable Path nodeModules,
        @Nullable String nodePath) {}
