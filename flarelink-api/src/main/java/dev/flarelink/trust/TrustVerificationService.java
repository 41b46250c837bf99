package dev.flarelink.trust;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionNotFoundException;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.worker.WorkerBundle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Verifies a project's deployed auth Worker against the published bundle (script bytes, bindings, compatibility
 * date), keeps each result and records it in the Activity log; also answers the drift banner and "Leave cleanly".
 */
@Service
public class TrustVerificationService {

    private static final String ACTION = "trust.verified";

    private final ProvisioningService projects;
    private final ConnectionService connections;
    private final ActivityService activity;
    private final JdbcClient jdbc;
    private final java.time.Clock clock;
    private final WorkerBundle bundle = WorkerBundle.load();

    TrustVerificationService(
            ProvisioningService projects,
            ConnectionService connections,
            ActivityService activity,
            JdbcClient jdbc,
            java.time.Clock clock) {
        this.projects = projects;
        this.connections = connections;
        this.activity = activity;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Downloads the deployed script and settings with the project's connection and compares them now.
     *
     * @throws dev.flarelink.provisioning.ProjectNotFoundException when the project is not the user's
     */
    public VerificationView verify(UUID userId, UUID projectId) {
        return verify(userId, projectId, "manual");
    }

    VerificationView verify(UUID userId, UUID projectId, String trigger) {
        ProjectView project = projects.get(userId, projectId);
        ProjectRow row = row(userId, projectId);
        ExpectedWorker expected =
                ExpectedWorker.of(bundle, row.deployedSha256(), project.d1DatabaseId(), project.kvNamespaceId());
        List<String> differences;
        try {
            differences = WorkerComparison.differences(expected, download(userId, row.connectionId(), project));
        } catch (RuntimeException unreachable) {
            // Revoked token, vanished connection, Cloudflare down: the check could not run, which is itself a
            // failure the user must see. Only the type is kept: no message can carry anything secret.
            differences = List.of("check: could not read the Worker from Cloudflare ("
                    + unreachable.getClass().getSimpleName() + ")");
        }
        VerificationView result =
                new VerificationView(projectId, clock.instant(), differences.isEmpty(), trigger, differences);
        store(userId, result);
        activity.recordAction(ActivityEntry.action(
                userId,
                ACTION,
                row.connectionId(),
                projectId,
                result.passed() ? "ok" : "failed",
                result.passed() ? trigger + ": " + result.summary() : trigger + ": " + String.join("; ", differences)));
        return result;
    }

    private DeployedWorker download(UUID userId, UUID connectionId, ProjectView project) {
        ConnectedAccount account = connections.open(userId, connectionId, project.id());
        try {
            byte[] script = account.call(api -> api.workers().download(project.accountId(), project.workerName()));
            var settings = account.call(api -> api.workers().settings(project.accountId(), project.workerName()));
            return new DeployedWorker(script, settings);
        } catch (NotFoundException gone) {
            return DeployedWorker.missing();
        }
    }

    /** The latest check of the user's project, if any. */
    public Optional<VerificationView> latest(UUID userId, UUID projectId) {
        return jdbc.sql("""
                        select project_id, checked_at, passed, trigger, differences from trust_verification
                        where project_id = :project and user_id = :user
                        order by checked_at desc, id desc limit 1
                        """)
                .param("project", projectId)
                .param("user", userId)
                .query(TrustVerificationService::view)
                .optional();
    }

    /** The user's projects whose latest check failed: they get the drift banner. */
    public Set<UUID> drifting(UUID userId) {
        return jdbc
                .sql("""
                        select distinct on (project_id) project_id, passed from trust_verification
                        where user_id = :user order by project_id, checked_at desc, id desc
                        """)
                .param("user", userId)
                .query((rs, n) -> rs.getBoolean("passed") ? null : rs.getObject("project_id", UUID.class))
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Calls Cloudflare with the project's stored token right now: after the user revoked it, the answer must be
     * "revoked".
     */
    public TokenCheck checkToken(UUID userId, UUID projectId) {
        projects.get(userId, projectId);
        try {
            return TokenCheck.of(!connections
                    .checkAgain(userId, row(userId, projectId).connectionId())
                    .active());
        } catch (ConnectionNotFoundException disconnected) {
            // Disconnected in Flarelink: the ciphertext is gone, so Flarelink holds no token at all.
            return TokenCheck.of(true);
        }
    }

    /** Everything the project's provisioning created and how to keep managing it with wrangler. */
    public LeavePlan leavePlan(UUID userId, UUID projectId) {
        return LeavePlans.of(projects.get(userId, projectId), bundle);
    }

    private void store(UUID userId, VerificationView result) {
        jdbc.sql("""
                        insert into trust_verification (project_id, user_id, checked_at, passed, trigger, differences)
                        values (:project, :user, :at, :passed, :trigger, :differences)
                        """)
                .param("project", result.projectId())
                .param("user", userId)
                .param("at", Timestamp.from(result.checkedAt()))
                .param("passed", result.passed())
                .param("trigger", result.trigger())
                .param("differences", String.join("\n", result.differences()))
                .update();
    }

    private ProjectRow row(UUID userId, UUID projectId) {
        return jdbc.sql("select connection_id, deployed_sha256 from project where id = :id and user_id = :user")
                .param("id", projectId)
                .param("user", userId)
                .query((rs, n) ->
                        new ProjectRow(rs.getObject("connection_id", UUID.class), rs.getString("deployed_sha256")))
                .single();
    }

    private static VerificationView view(ResultSet rs, int n) throws SQLException {
        String differences = rs.getString("differences");
        return new VerificationView(
                rs.getObject("project_id", UUID.class),
                rs.getTimestamp("checked_at").toInstant(),
                rs.getBoolean("passed"),
                rs.getString("trigger"),
                differences.isEmpty() ? List.of() : Arrays.asList(differences.split("\n")));
    }

    private record ProjectRow(UUID connectionId, @Nullable String deployedSha256) {}
}
