package dev.flarelink.provisioning;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.worker.WorkerBundle;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/** How a run ends: the run row, the project's state and the Activity log entry, written together. */
@Component
class RunOutcomes {

    private final RunStore store;
    private final ProjectLifecycle lifecycle;
    private final ActivityService activity;
    private final WorkerBundle bundle;
    private final Clock clock;

    RunOutcomes(
            RunStore store, ProjectLifecycle lifecycle, ActivityService activity, BundleSource bundle, Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.activity = activity;
        this.bundle = bundle.bundle();
        this.clock = clock;
    }

    void succeeded(RunRecord run, ProjectSpec spec, Map<String, String> results) {
        if (run.kind().equals("teardown")) {
            lifecycle.moveTo(spec.projectId(), "deleted");
            store.finish(run.id(), "succeeded", null, null, clock.instant());
            record(
                    spec,
                    "project.deleted",
                    "ok",
                    "deleted Worker " + spec.workerName() + ", its D1, KV"
                            + (spec.r2Bucket() == null ? "" : " and bucket " + spec.r2Bucket()));
            return;
        }
        if (run.kind().equals("redeploy")) {
            lifecycle.redeployed(spec.projectId(), bundle.version(), bundle.sha256(), results.get(WorkersDevStep.NAME));
            store.finish(run.id(), "succeeded", null, null, clock.instant());
            record(spec, "project.redeployed", "ok", "Worker " + spec.workerName() + " now " + bundle.version());
            return;
        }
        lifecycle.provisioned(
                spec.projectId(),
                new ProvisionedResources(
                        results.get(D1CreateStep.NAME),
                        results.get(KvCreateStep.NAME),
                        results.get(WorkersDevStep.NAME),
                        bundle.version(),
                        bundle.sha256()));
        store.finish(run.id(), "succeeded", null, null, clock.instant());
        record(
                spec,
                "project.provisioned",
                "ok",
                "Worker " + spec.workerName() + " " + bundle.version() + ", D1 " + results.get(D1CreateStep.NAME)
                        + ", KV " + results.get(KvCreateStep.NAME) + ", attempt " + run.attempt());
    }

    void rolledBack(RunRecord run, ProjectSpec spec, RunEngine.Failure failure, boolean clean) {
        lifecycle.moveTo(spec.projectId(), "failed");
        store.finish(run.id(), clean ? "rolled_back" : "failed", failure.step(), failure.why(), clock.instant());
        record(
                spec,
                "project.provision_failed",
                "failed",
                "step " + failure.step() + " failed; "
                        + (clean
                                ? "everything created was removed"
                                : "rollback " + "incomplete, Retry goes on from where it stopped"));
    }

    void failed(RunRecord run, ProjectSpec spec, RunEngine.Failure failure) {
        // A failed redeploy leaves the previous Worker serving: the project stays active.
        lifecycle.moveTo(
                spec.projectId(),
                switch (run.kind()) {
                    case "teardown" -> "delete_failed";
                    case "redeploy" -> "active";
                    default -> "failed";
                });
        store.finish(run.id(), "failed", failure.step(), failure.why(), clock.instant());
        record(spec, "project." + run.kind() + "_failed", "failed", "step " + failure.step() + " failed");
    }

    void failedBeforeStart(RunRecord run, ProjectSpec spec, String why) {
        failed(run, spec, new RunEngine.Failure("connection", why));
    }

    private void record(ProjectSpec spec, String action, String outcome, String detail) {
        activity.recordAction(
                ActivityEntry.action(spec.userId(), action, spec.connectionId(), spec.projectId(), outcome, detail));
    }
}
