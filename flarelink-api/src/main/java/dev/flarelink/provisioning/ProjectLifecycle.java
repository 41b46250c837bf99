package dev.flarelink.provisioning;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Short transactions that move a project between states while its run works in the background. */
@Component
class ProjectLifecycle {

    private final ProjectRepository projects;
    private final RunStore store;
    private final Clock clock;

    ProjectLifecycle(ProjectRepository projects, RunStore store, Clock clock) {
        this.projects = projects;
        this.store = store;
        this.clock = clock;
    }

    /**
     * The project's spec, with what its latest provisioning still holds (a rollback that could not finish leaves
     * its steps done, with their ids), so a teardown removes those too and nothing else.
     */
    @Transactional(readOnly = true)
    ProjectSpec spec(UUID projectId) {
        ProjectSpec spec = ProjectSpec.of(load(projectId));
        Map<String, String> stillThere = new HashMap<>();
        store.latestRun(projectId, "provision")
                .ifPresent(run -> store.steps(run.id()).stream()
                        .filter(step -> step.done() && step.remoteId() != null)
                        .forEach(step -> stillThere.put(step.name(), step.remoteId())));
        return spec.withCreated(stillThere);
    }

    void provisioned(UUID projectId, ProvisionedResources resources) {
        projects.change(projectId, project -> project.provisioned(resources, clock.instant()));
    }

    void redeployed(UUID projectId, String version, String sha256, @Nullable String workersDevUrl) {
        projects.change(projectId, project -> project.redeployed(version, sha256, workersDevUrl, clock.instant()));
    }

    void moveTo(UUID projectId, String status) {
        projects.change(projectId, project -> project.moveTo(status, clock.instant()));
    }

    private Project load(UUID projectId) {
        return projects.findById(projectId).orElseThrow(() -> ProjectNotFoundException.forId(projectId));
    }
}
