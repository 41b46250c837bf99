package dev.flarelink.provisioning;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of each kind of run, in an order where every step comes after the steps it waits for (rollback undoes
 * them in reverse). Provisioning: D1, KV, R2 and the subdomain look-up in parallel; then migrations and config
 * beside the Worker upload; then workers.dev. Redeploy: migrations beside the configuration backfill, which the
 * upload waits for. A step waiting for one that is not part of its run (a redeploy has
 * no {@code d1.create}) takes that step's result from the project.
 */
final class StepCatalog {

    private final SecureRandom random;
    private final ConfigBackfill backfill;

    StepCatalog(SecureRandom random, ConfigBackfill backfill) {
        this.random = random;
        this.backfill = backfill;
    }

    List<Step> steps(String kind, ProjectSpec spec) {
        return switch (kind) {
            case "provision" -> provision(spec);
            case "teardown" -> TeardownStep.forProject(spec);
            case "redeploy" -> redeploy();
            default -> throw new IllegalArgumentException("unknown run kind " + kind);
        };
    }

    /**
     * Upgrade in place: new migrations, the new script with the same bindings; the configuration is kept, and gets
     * the rows the new script reads that an older Flarelink did not write (before the upload, so it reads them).
     */
    private List<Step> redeploy() {
        return List.of(
                new D1MigrateStep(),
                new ConfigBackfillStep(backfill),
                new WorkerUploadStep(),
                new SubdomainLookupStep(),
                new WorkersDevStep());
    }

    private List<Step> provision(ProjectSpec spec) {
        List<Step> steps = new ArrayList<>();
        steps.add(new D1CreateStep());
        steps.add(new KvCreateStep());
        if (spec.r2Bucket() != null) {
            steps.add(new R2CreateStep());
        }
        steps.add(new SubdomainLookupStep());
        steps.add(new D1MigrateStep());
        steps.add(new D1ConfigStep(random));
        steps.add(new WorkerUploadStep());
        steps.add(new WorkersDevStep());
        return steps;
    }
}
