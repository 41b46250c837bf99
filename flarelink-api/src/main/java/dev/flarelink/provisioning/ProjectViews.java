package dev.flarelink.provisioning;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Builds the read models of projects and runs. */
@Component
class ProjectViews {

    private final RunStore store;
    private final ServiceKeys keys;
    private final BundleSource bundle;
    private final StepCatalog catalog;

    ProjectViews(RunStore store, ServiceKeys keys, BundleSource bundle, ConfigBackfill backfill) {
        this.store = store;
        this.keys = keys;
        this.bundle = bundle;
        this.catalog = new StepCatalog(new SecureRandom(), backfill);
    }

    ProjectSummary summary(Project p) {
        return new ProjectSummary(
                p.getId(), p.getName(), p.getStatus(), p.getWorkerName(), p.getWorkersDevUrl(), p.getCreatedAt());
    }

    ProjectView view(Project p) {
        RunView run =
                store.latestRun(p.getId()).map(r -> run(r, ProjectSpec.of(p))).orElse(null);
        return new ProjectView(
                p.getId(),
                p.getName(),
                p.getStatus(),
                p.getAccountId(),
                p.trustedOrigins(),
                p.getWorkerName(),
                p.getD1Name(),
                p.getD1DatabaseId(),
                p.getKvTitle(),
                p.getKvNamespaceId(),
                p.getR2Bucket(),
                p.getWorkersDevUrl(),
                p.getCustomDomain(),
                p.getDeployedVersion(),
                bundle.bundle().version(),
                p.getStatus().equals("active") && keys.waiting(p.getId()),
                run,
                p.getCreatedAt());
    }

    RunView run(RunRecord run, ProjectSpec spec) {
        Map<String, String> labels =
                catalog.steps(run.kind(), spec).stream().collect(Collectors.toMap(Step::name, Step::label));
        List<StepView> steps = store.steps(run.id()).stream()
                .map(s -> new StepView(
                        s.name(),
                        labels.getOrDefault(s.name(), s.name()),
                        s.status(),
                        s.remoteId(),
                        s.adopted(),
                        s.error()))
                .toList();
        return new RunView(run.kind(), run.status(), run.attempt(), run.failedStep(), run.error(), steps);
    }

    List<PlannedCall> plannedCalls(ProjectSpec spec, String accountId) {
        return catalog.steps("provision", spec).stream()
                .flatMap(step -> step.calls(spec, accountId).stream())
                .toList();
    }

    List<String> stepNames(String kind, ProjectSpec spec) {
        return catalog.steps(kind, spec).stream().map(Step::name).toList();
    }
}
