package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where Flarelink's one-time-ticket requests to a project's Worker go (reload, test e-mail, links for a user): the
 * configured target ({@code flarelink.reload.target}, tests), the local Worker in sandbox mode, or the Worker's own
 * address. One place, so every caller reaches the sandbox's local Workers the same way.
 */
@Component
public class WorkerTargets {

    /** A local sandbox Worker may still be starting right after an upload. */
    private static final Duration LOCAL_START_WAIT = Duration.ofSeconds(30);

    private final WorkerReloadProperties properties;
    private final @Nullable CloudflareSandbox sandbox;

    WorkerTargets(WorkerReloadProperties properties, ObjectProvider<CloudflareSandbox> sandbox) {
        this.properties = properties;
        this.sandbox = sandbox.getIfAvailable();
    }

    /**
     * The address to call, or why there is none.
     *
     * @param uri the Worker's {@code path}, null when it cannot be reached
     * @param unavailable a sentence saying why no Worker can be asked, null when {@code uri} is set
     */
    public record Target(@Nullable URI uri, @Nullable String unavailable) {}

    /** Resolves {@code path} on the project's Worker, whose public address is {@code workerUrl}. */
    public Target resolve(@Nullable String workerUrl, String path) {
        if (properties.target() != null) {
            return new Target(properties.target().resolve(path), null);
        }
        if (sandbox != null) {
            // Sandbox mode: the Worker runs locally; its public address maps to a local one.
            String local = workerUrl == null
                    ? null
                    : sandbox.workers().localUrl(workerUrl).orElse(null);
            if (local == null) {
                return new Target(
                        null,
                        "Sandbox mode: no local Worker runs for this project ("
                                + sandbox.workers().status().message() + ")");
            }
            sandbox.workers().awaitRunning(workerUrl, LOCAL_START_WAIT);
            return new Target(URI.create(local).resolve(path), null);
        }
        if (workerUrl == null || workerUrl.isBlank()) {
            return new Target(null, "The project has no Worker address yet");
        }
        return new Target(URI.create(workerUrl).resolve(path), null);
    }
}
