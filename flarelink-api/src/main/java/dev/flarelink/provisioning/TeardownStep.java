package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.connect.Permission;
import java.util.List;

/**
 * Deletes one resource Flarelink created for the project, by the id its provisioning recorded; a resource of the
 * same name that Flarelink did not create is never touched. A resource that is already gone counts as deleted, so
 * a retried teardown finishes.
 */
final class TeardownStep implements Step {

    private final String name;
    private final String label;
    private final List<String> after;
    private final CreateByNameStep resource;
    private final Permission permission;

    private TeardownStep(
            String name, String label, List<String> after, CreateByNameStep resource, Permission permission) {
        this.name = name;
        this.label = label;
        this.after = after;
        this.resource = resource;
        this.permission = permission;
    }

    static final String WORKER = "worker.delete";

    static List<Step> forProject(ProjectSpec spec) {
        List<String> afterWorker = List.of(WORKER);
        List<Step> steps = new java.util.ArrayList<>(List.of(
                new WorkerDelete(),
                new TeardownStep(
                        "kv.delete", "Delete the KV namespace", afterWorker, new KvCreateStep(), Permission.WORKERS_KV),
                new TeardownStep(
                        "d1.delete", "Delete the D1 database", afterWorker, new D1CreateStep(), Permission.D1)));
        if (spec.r2Bucket() != null) {
            steps.add(new TeardownStep(
                    "r2.delete", "Delete the R2 bucket", afterWorker, new R2CreateStep(), Permission.WORKERS_R2));
        }
        return steps;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> after() {
        return after;
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        return List.of(new PlannedCall("DELETE", resource.resourceName(spec), permission, label));
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        String id = scope.spec().created().get(resource.name());
        if (id == null) {
            // Flarelink never created it (or it was rolled back): whatever has that name is not ours to delete.
            return StepOutcome.created(null);
        }
        try {
            scope.run(api -> resource.delete(api, scope.accountId(), id));
        } catch (NotFoundException alreadyGone) {
            // Deleted already: the goal is reached.
        }
        return StepOutcome.created(id);
    }

    /** Deletes the Worker first: it binds the D1 database and the KV namespace. */
    static final class WorkerDelete implements Step {

        @Override
        public String name() {
            return WORKER;
        }

        @Override
        public String label() {
            return "Delete the auth Worker";
        }

        @Override
        public List<String> after() {
            return List.of();
        }

        @Override
        public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
            return List.of(new PlannedCall(
                    "DELETE",
                    "/accounts/" + accountId + "/workers/scripts/" + spec.workerName(),
                    Permission.WORKERS_SCRIPTS,
                    label()));
        }

        @Override
        public StepOutcome execute(StepScope scope) {
            try {
                scope.run(api ->
                        api.workers().delete(scope.accountId(), scope.spec().workerName()));
            } catch (NotFoundException alreadyGone) {
                // Already deleted: the goal is reached.
            }
            return StepOutcome.created(scope.spec().workerName());
        }
    }
}
