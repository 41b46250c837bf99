package dev.flarelink.provisioning;

import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Short transactions that move a project between states while its run works in the background. */
@Component
class ProjectLifecycle {

    private final ProjectRepository projects;
    private final Clock clock;

    ProjectLifecycle(ProjectRepository projects, Clock clock) {
        this.projects = projects;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    ProjectSpec spec(UUID projectId) {
        return ProjectSpec.of(load(projectId));
    }

    @Transactional
    void provisioned(UUID projectId, ProvisionedResources resources) {
        load(projectId).provisioned(resources, clock.instant());
    }

    @Transactional
    void redeployed(UUID projectId, String version, String sha256, @Nullable String workersDevUrl) {
        load(projectId).redeployed(version, sha256, workersDevUrl, clock.instant());
    }

    @Transactional
    void moveTo(UUID projectId, String status) {
        load(projectId).moveTo(status, clock.instant());
    }

    private Project load(UUID projectId) {
        return projects.findById(projectId).orElseThrow(() -> ProjectNotFoundException.forId(projectId));
    }
}
