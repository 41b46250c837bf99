package dev.flarelink.trust;

import dev.flarelink.cloudflare.workers.WorkerSettings;
import org.jspecify.annotations.Nullable;

/**
 * What Cloudflare reports for a project's Worker: the first module's bytes and its settings, or neither when the
 * script is gone.
 *
 * @param script the deployed main module, null when the Worker does not exist
 * @param settings its bindings and compatibility date, null when the Worker does not exist
 */
record DeployedWorker(byte @Nullable [] script, @Nullable WorkerSettings settings) {

    static DeployedWorker missing() {
        return new DeployedWorker(null, null);
    }
}
