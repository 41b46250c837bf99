package dev.flarelink.provisioning;

import dev.flarelink.worker.WorkerBundle;
import org.springframework.stereotype.Component;

/**
 * The Worker bundle this build deploys, loaded once. Kept as a feature-private holder rather than a
 * {@code WorkerBundle} bean so other features can define their own without a clash.
 */
@Component
class BundleSource {

    private final WorkerBundle bundle = WorkerBundle.load();

    WorkerBundle bundle() {
        return bundle;
    }
}
