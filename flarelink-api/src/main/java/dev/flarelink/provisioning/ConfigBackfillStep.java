package dev.flarelink.provisioning;

import dev.flarelink.connect.Permission;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Redeploy step: writes the configuration rows the new Worker reads that an older Flarelink did not write
 * ({@link ConfigBackfill}), before the upload, so the new script reads them from its first request. It never fails
 * the redeploy: when the rows cannot be written the step ends skipped, with a note saying what to do instead.
 */
final class ConfigBackfillStep implements Step {

    static final String NAME = "config.backfill";

    private final ConfigBackfill backfill;

    ConfigBackfillStep(ConfigBackfill backfill) {
        this.backfill = backfill;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Add what the new Worker reads to flarelink_config (R2_BUCKETS for the project's R2 key)";
    }

    @Override
    public List<String> after() {
        return List.of();
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        String query = "/accounts/" + accountId + "/d1/database/{" + spec.d1Name() + "}/query";
        return List.of(
                new PlannedCall("POST", query, Permission.D1, "Read the R2 key rows of flarelink_config"),
                new PlannedCall(
                        "GET",
                        "/accounts/" + accountId + "/r2/buckets/{bucket}",
                        Permission.WORKERS_R2,
                        "Read the creation date of each bucket the key reaches"),
                new PlannedCall("POST", query, Permission.D1, "Write R2_BUCKETS when it is missing"));
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        ProjectSpec spec = scope.spec();
        // The implementation turns whatever it could not do into a note (ConfigBackfill's contract), so the redeploy
        // goes on; only Flarelink's own database failing interrupts the run, as in any step.
        ConfigBackfill.Result result = backfill.backfill(scope.account(), spec.userId(), spec.projectId());
        if (result.note() != null) {
            return StepOutcome.skipped(result.note());
        }
        return StepOutcome.created(clip(result.written()));
    }

    /** {@code provisioning_step.remote_id} is varchar(200): a long list of bucket names is cut, not a failure. */
    private static @Nullable String clip(@Nullable String written) {
        return written == null || written.length() <= 200 ? written : written.substring(0, 199) + "…";
    }
}
