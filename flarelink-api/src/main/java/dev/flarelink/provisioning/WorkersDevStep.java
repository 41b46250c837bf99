package dev.flarelink.provisioning;

import dev.flarelink.connect.Permission;
import java.util.List;

/** Turns on the Worker's workers.dev address, once its configuration is written, and records the URL. */
final class WorkersDevStep implements Step {

    static final String NAME = "worker.enable";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Turn on the workers.dev address";
    }

    @Override
    public List<String> after() {
        return List.of(WorkerUploadStep.NAME, SubdomainLookupStep.NAME, D1ConfigStep.NAME);
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        return List.of(new PlannedCall(
                "POST",
                "/accounts/" + accountId + "/workers/scripts/" + spec.workerName() + "/subdomain",
                Permission.WORKERS_SCRIPTS,
                "Serve the Worker at https://" + spec.workerName() + ".<your-subdomain>.workers.dev"));
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        String worker = scope.spec().workerName();
        scope.run(api -> api.workers().enableSubdomain(scope.accountId(), worker));
        String url = "https://" + worker + "." + scope.resultOf(SubdomainLookupStep.NAME) + ".workers.dev";
        return StepOutcome.created(url);
    }
}
