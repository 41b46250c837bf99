package dev.flarelink.provisioning;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects for the dashboard: plan, create (provision in the background), watch, retry, delete, and show the new
 * service key once. Every project is reached through its owner; another user's id answers
 * {@link ProjectNotFoundException}.
 */
@Service
public class ProvisioningService {

    private static final String NAME_TAKEN = "You already have a project with this name. Choose another name.";

    private final ProjectRepository projects;
    private final RunStore store;
    private final RunScheduler scheduler;
    private final ServiceKeys keys;
    private final ProjectViews views;
    private final ProjectChanges changes;
    private final CustomDomains domains;
    private final ConnectionService connections;
    private final ActivityService activity;
    private final Clock clock;
    private final TransactionTemplate tx;

    ProvisioningService(
            ProjectRepository projects,
            RunStore store,
            RunScheduler scheduler,
            ServiceKeys keys,
            ProjectViews views,
            ProjectChanges changes,
            CustomDomains domains,
            ConnectionService connections,
            ActivityService activity,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.projects = projects;
        this.store = store;
        this.scheduler = scheduler;
        this.keys = keys;
        this.views = views;
        this.changes = changes;
        this.domains = domains;
        this.connections = connections;
        this.activity = activity;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    @Transactional(readOnly = true)
    public List<ProjectSummary> projectsOf(UUID userId) {
        return projects.findByUserIdAndStatusNotOrderByCreatedAt(userId, "deleted").stream()
                .map(views::summary)
                .toList();
    }

    /** The user's projects (deleted ones left out) on one of their connections, oldest first. */
    @Transactional(readOnly = true)
    public List<ProjectSummary> projectsOn(UUID userId, UUID connectionId) {
        return projects.findByUserIdAndStatusNotOrderByCreatedAt(userId, "deleted").stream()
                .filter(p -> p.getConnectionId().equals(connectionId))
                .map(views::summary)
                .toList();
    }

    /** The latest run of one of the user's projects, if it has one; another user's project is not found. */
    @Transactional(readOnly = true)
    public Optional<ProjectRun> latestRun(UUID userId, UUID projectId) {
        Project project = owned(userId, projectId);
        return store.latestRun(projectId)
                .map(r -> new ProjectRun(r.id(), projectId, views.run(r, ProjectSpec.of(project))));
    }

    /** A run of one of the user's projects, with its steps as the project page shows them. */
    @Transactional(readOnly = true)
    public ProjectRun run(UUID userId, UUID runId) {
        RunRecord record = store.run(runId).orElseThrow(() -> RunNotFoundException.forId(runId));
        Project project = projects.findByIdAndUserId(record.projectId(), userId)
                .orElseThrow(() -> RunNotFoundException.forId(runId));
        return new ProjectRun(runId, project.getId(), views.run(record, ProjectSpec.of(project)));
    }

    /** The connection a project of the user's was provisioned on; another user's project is not found. */
    @Transactional(readOnly = true)
    public UUID connectionOf(UUID userId, UUID projectId) {
        return owned(userId, projectId).getConnectionId();
    }

    /** The user's active connections: New project needs one. */
    public List<ConnectionChoice> activeConnections(UUID userId) {
        return connections.connectionsOf(userId).stream()
                .filter(ConnectionView::active)
                .map(c -> new ConnectionChoice(c.id(), c.accountId(), c.accountName()))
                .toList();
    }

    /**
     * Checks the wizard's input and lists every call provisioning will make; changes nothing.
     *
     * @throws ProjectInputException with a message per field that is wrong
     */
    @Transactional(readOnly = true)
    public ProvisioningPlan plan(UUID userId, CreateProjectCommand command) {
        ProjectRules.ValidInput input =
                ProjectRules.validate(command.name(), command.trustedOrigins(), command.r2Bucket());
        ConnectionChoice connection = connectionFor(userId, command.connectionId());
        requireFreeName(userId, input.name());
        ProjectSpec spec = ProjectSpec.draft(userId, connection.id(), input);
        return new ProvisioningPlan(
                connection.accountName(),
                connection.accountId(),
                spec.workerName(),
                spec.d1Name(),
                spec.kvTitle(),
                spec.r2Bucket(),
                input.origins(),
                views.plannedCalls(spec, connection.accountId()));
    }

    /**
     * Creates the project and starts provisioning it in the background; the returned view shows the run starting.
     *
     * @throws ProjectInputException with a message per field that is wrong (nothing is created)
     */
    public ProjectView create(UUID userId, CreateProjectCommand command) {
        ProjectRules.ValidInput input =
                ProjectRules.validate(command.name(), command.trustedOrigins(), command.r2Bucket());
        ConnectionChoice connection = connectionFor(userId, command.connectionId());
        requireFreeName(userId, input.name());
        UUID projectId = UUID.randomUUID();
        UUID runId = UUID.randomUUID();
        try {
            tx.executeWithoutResult(status -> {
                String key = keys.generate();
                Project project = new Project(
                        projectId,
                        userId,
                        connection.id(),
                        connection.accountId(),
                        input,
                        ServiceKeys.sha256(key),
                        clock.instant());
                projects.insert(project);
                keys.holdForDisplay(userId, projectId, key, clock.instant());
                store.insertRun(runId, projectId, "provision", stepNames("provision", project), clock.instant());
                activity.recordAction(ActivityEntry.action(
                        userId, "project.created", connection.id(), projectId, "ok", "project " + input.name()));
            });
        } catch (DataIntegrityViolationException raced) {
            throw new ProjectInputException(Map.of("name", NAME_TAKEN));
        }
        scheduler.start(runId, projectId);
        return get(userId, projectId);
    }

    @Transactional(readOnly = true)
    public ProjectView get(UUID userId, UUID projectId) {
        return views.view(owned(userId, projectId));
    }

    /**
     * Runs the project's failed run again: steps already done stay done, resources found by name that the run
     * created are adopted.
     *
     * @throws ProjectStateException when the latest run did not fail
     */
    public void retry(UUID userId, UUID projectId) {
        Project project = owned(userId, projectId);
        RunRecord run = store.latestRun(projectId)
                .filter(r -> r.status().equals("rolled_back") || r.status().equals("failed"))
                .orElseThrow(() -> new ProjectStateException("Nothing to retry: the last run did not fail."));
        tx.executeWithoutResult(status -> {
            if (!run.kind().equals("redeploy")) {
                projectStatus(project.getId(), run.kind().equals("teardown") ? "deleting" : "provisioning");
            }
            store.resetForRetry(run.id());
        });
        scheduler.start(run.id(), projectId);
    }

    /**
     * Deletes the project's Worker, KV namespace, D1 database and the bucket Flarelink created, as a visible run.
     *
     * @throws ProjectInputException when {@code typedName} is not the project's name
     * @throws ProjectStateException while another run of the project is going on
     */
    public void delete(UUID userId, UUID projectId, String typedName) {
        Project project = owned(userId, projectId);
        if (!project.getName().equals(typedName.trim())) {
            throw new ProjectInputException(
                    Map.of("confirmName", "Type the project name, " + project.getName() + ", exactly to confirm."));
        }
        if (store.latestRun(projectId).filter(RunRecord::unfinished).isPresent()) {
            throw new ProjectStateException("Wait for the current run to end before deleting the project.");
        }
        UUID runId = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            projectStatus(projectId, "deleting");
            store.insertRun(runId, projectId, "teardown", stepNames("teardown", project), clock.instant());
        });
        scheduler.start(runId, projectId);
    }

    /**
     * Upgrades the project's Worker to the bundle this Flarelink ships: applies new migrations and uploads the new
     * script with the same bindings, keeping the configuration. Runs in the background like provisioning.
     *
     * @throws ProjectStateException unless the project is active, idle and on an older version
     */
    public void redeploy(UUID userId, UUID projectId) {
        Project project = idleActive(userId, projectId);
        UUID runId = UUID.randomUUID();
        tx.executeWithoutResult(status ->
                store.insertRun(runId, projectId, "redeploy", stepNames("redeploy", project), clock.instant()));
        scheduler.start(runId, projectId);
    }

    /**
     * Replaces the trusted origins in the Worker's configuration (and the bucket's CORS rule). The Worker reads its
     * configuration at most 60 seconds old; the ping that follows the change makes it live at once.
     *
     * @return what became of asking the Worker to reload
     *
     * @throws ProjectInputException when an origin is malformed (nothing is changed)
     * @throws ProjectStateException when the project is not active and idle, or Cloudflare refused the change
     */
    public ReloadOutcome changeTrustedOrigins(UUID userId, UUID projectId, String rawOrigins) {
        List<String> origins = ProjectRules.validateOrigins(rawOrigins);
        return changes.changeTrustedOrigins(idleActive(userId, projectId), origins);
    }

    /**
     * Replaces the service key and returns the new one, to be shown once; only its hash is kept. The Worker is asked
     * to reload at once; otherwise the old key stops working within a minute (the Worker's configuration cache).
     *
     * @throws ProjectStateException when the project is not active and idle, or Cloudflare refused the change
     */
    public RotatedServiceKey rotateServiceKey(UUID userId, UUID projectId) {
        return changes.rotateServiceKey(idleActive(userId, projectId));
    }

    /**
     * Attaches {@code hostname} (on one of the user's zones) to the project's Worker.
     *
     * @param takeOver replace another Worker's claim on the hostname, or existing DNS records
     * @throws ProjectInputException when the hostname is malformed, on no zone of the account, or in conflict
     */
    public void attachDomain(UUID userId, UUID projectId, String hostname, boolean takeOver) {
        Project project = idleActive(userId, projectId);
        if (project.getCustomDomain() != null) {
            throw new ProjectStateException(
                    "Detach " + project.getCustomDomain() + " first; a project has one " + "custom domain.");
        }
        domains.attach(project, hostname, takeOver);
    }

    /** Detaches the project's custom domain; the workers.dev address keeps working. */
    public void detachDomain(UUID userId, UUID projectId) {
        Project project = idleActive(userId, projectId);
        if (project.getCustomDomainId() == null) {
            throw new ProjectStateException("The project has no custom domain.");
        }
        domains.detach(project);
    }

    /** The new service key, exactly once: the first call returns it and forgets it. */
    public Optional<String> revealServiceKey(UUID userId, UUID projectId) {
        Project project = owned(userId, projectId);
        if (!project.getStatus().equals("active")) {
            return Optional.empty();
        }
        return keys.takeOnce(userId, projectId);
    }

    /** Waits until the project's background run on this node ends; for tests and the benchmark. */
    public boolean awaitIdle(UUID projectId, Duration timeout) {
        return scheduler.awaitIdle(projectId, timeout);
    }

    private Project owned(UUID userId, UUID projectId) {
        return projects.findByIdAndUserId(projectId, userId)
                .orElseThrow(() -> ProjectNotFoundException.forId(projectId));
    }

    private Project idleActive(UUID userId, UUID projectId) {
        Project project = owned(userId, projectId);
        if (!project.getStatus().equals("active")
                || store.latestRun(projectId).filter(RunRecord::unfinished).isPresent()) {
            throw new ProjectStateException("The project must be ready, with no run going on, for this change.");
        }
        return project;
    }

    private void projectStatus(UUID projectId, String status) {
        projects.change(projectId, project -> project.moveTo(status, clock.instant()));
    }

    private ConnectionChoice connectionFor(UUID userId, @Nullable UUID connectionId) {
        List<ConnectionChoice> active = activeConnections(userId);
        if (connectionId == null && active.size() == 1) {
            return active.get(0);
        }
        return active.stream()
                .filter(c -> c.id().equals(connectionId))
                .findFirst()
                .orElseThrow(() -> new ProjectInputException(Map.of(
                        "connectionId",
                        active.isEmpty()
                                ? "Connect your Cloudflare account first: a project is created with your token."
                                : "Choose one of your connected Cloudflare accounts.")));
    }

    private void requireFreeName(UUID userId, String name) {
        if (projects.existsByUserIdAndNameAndStatusNot(userId, name, "deleted")) {
            throw new ProjectInputException(Map.of("name", NAME_TAKEN));
        }
    }

    private List<String> stepNames(String kind, Project project) {
        return views.stepNames(kind, ProjectSpec.of(project));
    }
}
