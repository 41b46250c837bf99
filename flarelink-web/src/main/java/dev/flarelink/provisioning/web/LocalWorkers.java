package dev.flarelink.provisioning.web;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxWorkers;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the project page shows in sandbox mode beside the Worker's real address: the local address its Worker
 * answers at, or why Workers are not running and how to enable them. Called from the template as
 * {@code @localWorkers}, so every controller that renders the project page shows it.
 */
@Component("localWorkers")
public class LocalWorkers {

    /** The local Worker of one project: its address when it runs, else what to do. */
    public record View(boolean running, @Nullable String url, String message) {}

    private final @Nullable CloudflareSandbox sandbox;

    LocalWorkers(ObjectProvider<CloudflareSandbox> sandbox) {
        this.sandbox = sandbox.getIfAvailable();
    }

    /** Null outside sandbox mode (nothing to show). */
    public @Nullable View view(@Nullable String workersDevUrl) {
        if (sandbox == null) {
            return null;
        }
        SandboxWorkers workers = sandbox.workers();
        SandboxWorkers.Status status = workers.status();
        if (!status.available()) {
            return new View(false, null, status.message());
        }
        String local =
                workersDevUrl == null ? null : workers.localUrl(workersDevUrl).orElse(null);
        if (local == null) {
            return new View(false, null, "No local Worker answers for this project yet.");
        }
        return new View(true, local, status.message());
    }
}
