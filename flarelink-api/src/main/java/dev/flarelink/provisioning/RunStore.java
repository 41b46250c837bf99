package dev.flarelink.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs and their steps in PostgreSQL. Each write is its own short transaction, so parallel steps never wait on each
 * other, and claiming uses {@code FOR UPDATE SKIP LOCKED} so that two nodes never take the same run.
 */
@Repository
class RunStore {

    private static final String CLAIMABLE =
            "status in ('pending', 'running', 'rolling_back') " + "and (claimed_until is null or claimed_until < :now)";

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void insertRun(UUID runId, UUID projectId, String kind, List<String> steps, Instant now) {
        jdbc.sql("insert into provisioning_run (id, project_id, kind, status, created_at) "
                        + "values (:id, :project, :kind, 'pending', :now)")
                .param("id", runId)
                .param("project", projectId)
                .param("kind", kind)
                .param("now", ts(now))
                .update();
        for (int i = 0; i < steps.size(); i++) {
            jdbc.sql("insert into provisioning_step (run_id, name, position, status) values (:run, :name, :pos, "
                            + "'pending')")
                    .param("run", runId)
                    .param("name", steps.get(i))
                    .param("pos", i)
                    .update();
        }
    }

    /** Takes the run for {@code node} unless another node holds a live claim on it or it is finished. */
    @Transactional
    boolean claim(UUID runId, String node, Instant now, Duration ttl) {
        return jdbc.sql("update provisioning_run set claimed_by = :node, claimed_until = :until, "
                                + "status = case when status = 'pending' then 'running' else status end, "
                                + "started_at = coalesce(started_at, :now) where id = (select id from "
                                + "provisioning_run where id = :id and " + CLAIMABLE + " for update skip locked)")
                        .param("node", node)
                        .param("until", ts(now.plus(ttl)))
                        .param("now", ts(now))
                        .param("id", runId)
                        .update()
                == 1;
    }

    /** Takes the oldest unfinished run nobody holds (its node died, or it was never started). */
    @Transactional
    Optional<UUID> claimNextStale(String node, Instant now, Duration ttl) {
        return jdbc.sql("update provisioning_run set claimed_by = :node, claimed_until = :until, "
                        + "status = case when status = 'pending' then 'running' else status end, "
                        + "started_at = coalesce(started_at, :now) where id = (select id from provisioning_run "
                        + "where " + CLAIMABLE + " order by created_at limit 1 for update skip locked) returning id")
                .param("node", node)
                .param("until", ts(now.plus(ttl)))
                .param("now", ts(now))
                .query(UUID.class)
                .optional();
    }

    @Transactional
    void extendClaim(UUID runId, String node, Instant until) {
        jdbc.sql("update provisioning_run set claimed_until = :until where id = :id and claimed_by = :node")
                .param("until", ts(until))
                .param("id", runId)
                .param("node", node)
                .update();
    }

    @Transactional
    void setStatus(UUID runId, String status) {
        jdbc.sql("update provisioning_run set status = :status where id = :id")
                .param("status", status)
                .param("id", runId)
                .update();
    }

    @Transactional
    void startRollback(UUID runId, String failedStep, String error) {
        jdbc.sql("update provisioning_run set status = 'rolling_back', failed_step = :step, error = :error "
                        + "where id = :id")
                .param("step", failedStep)
                .param("error", clip(error))
                .param("id", runId)
                .update();
    }

    /** Ends the run and releases its claim. */
    @Transactional
    void finish(UUID runId, String status, @Nullable String failedStep, @Nullable String error, Instant now) {
        jdbc.sql("update provisioning_run set status = :status, failed_step = :step, error = :error, "
                        + "finished_at = :now, claimed_by = null, claimed_until = null where id = :id")
                .param("status", status)
                .param("step", failedStep)
                .param("error", clip(error))
                .param("now", ts(now))
                .param("id", runId)
                .update();
    }

    /** Makes a finished run runnable again; steps that are done stay done, the rest start over. */
    @Transactional
    void resetForRetry(UUID runId) {
        jdbc.sql("update provisioning_run set status = 'pending', attempt = attempt + 1, failed_step = null, "
                        + "error = null, finished_at = null, claimed_by = null, claimed_until = null where id = :id")
                .param("id", runId)
                .update();
        jdbc.sql("update provisioning_step set status = 'pending', error = null, started_at = null, "
                        + "finished_at = null where run_id = :id and status <> 'done'")
                .param("id", runId)
                .update();
    }

    @Transactional(readOnly = true)
    Optional<RunRecord> run(UUID runId) {
        return jdbc.sql("select * from provisioning_run where id = :id")
                .param("id", runId)
                .query(RunStore::run)
                .optional();
    }

    @Transactional(readOnly = true)
    Optional<RunRecord> latestRun(UUID projectId) {
        return jdbc.sql("select * from provisioning_run where project_id = :project order by created_at desc limit 1")
                .param("project", projectId)
                .query(RunStore::run)
                .optional();
    }

    @Transactional(readOnly = true)
    Optional<RunRecord> latestRun(UUID projectId, String kind) {
        return jdbc.sql("select * from provisioning_run where project_id = :project and kind = :kind "
                        + "order by created_at desc limit 1")
                .param("project", projectId)
                .param("kind", kind)
                .query(RunStore::run)
                .optional();
    }

    @Transactional(readOnly = true)
    List<StepRecord> steps(UUID runId) {
        return jdbc.sql("select * from provisioning_step where run_id = :run order by position")
                .param("run", runId)
                .query(RunStore::step)
                .list();
    }

    @Transactional
    void stepRunning(UUID runId, String name, Instant now) {
        updateStep(runId, name, "status = 'running', error = null, started_at = :now", now, null);
    }

    /** Written before a create is sent: whatever is found by name afterwards was made by this step. */
    @Transactional
    void stepCreateAttempted(UUID runId, String name) {
        updateStep(runId, name, "create_attempted = true", null, null);
    }

    @Transactional
    void stepDone(UUID runId, String name, @Nullable String remoteId, boolean adopted, Instant now) {
        jdbc.sql("update provisioning_step set status = 'done', remote_id = :remote, adopted = :adopted, "
                        + "error = null, finished_at = :now where run_id = :run and name = :name")
                .param("remote", remoteId)
                .param("adopted", adopted)
                .param("now", ts(now))
                .param("run", runId)
                .param("name", name)
                .update();
    }

    @Transactional
    void stepFailed(UUID runId, String name, String error, Instant now) {
        updateStep(runId, name, "status = 'failed', error = :error, finished_at = :now", now, error);
    }

    @Transactional
    void stepUndoFailed(UUID runId, String name, String error, Instant now) {
        updateStep(runId, name, "error = :error, finished_at = :now", now, error);
    }

    @Transactional
    void stepRolledBack(UUID runId, String name, Instant now) {
        updateStep(
                runId,
                name,
                "status = 'rolled_back', remote_id = null, create_attempted = false, finished_at = :now",
                now,
                null);
    }

    @Transactional
    void stepSkipped(UUID runId, String name, Instant now) {
        updateStep(runId, name, "status = 'skipped', finished_at = :now", now, null);
    }

    /** A step that could not do its work while the run went on without it: the note says why and what to do. */
    @Transactional
    void stepSkipped(UUID runId, String name, String note, Instant now) {
        updateStep(runId, name, "status = 'skipped', error = :error, finished_at = :now", now, note);
    }

    private void updateStep(UUID runId, String name, String set, @Nullable Instant now, @Nullable String error) {
        JdbcClient.StatementSpec spec = jdbc.sql(
                        "update provisioning_step set " + set + " where run_id = :run and name = :name")
                .param("run", runId)
                .param("name", name);
        if (set.contains(":now")) {
            spec = spec.param("now", ts(java.util.Objects.requireNonNull(now, "now")));
        }
        if (set.contains(":error")) {
            spec = spec.param("error", clip(error));
        }
        spec.update();
    }

    private static @Nullable String clip(@Nullable String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
    }

    static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static RunRecord run(ResultSet rs, int row) throws SQLException {
        return new RunRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("project_id", UUID.class),
                rs.getString("kind"),
                rs.getString("status"),
                rs.getInt("attempt"),
                rs.getString("failed_step"),
                rs.getString("error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                instant(rs, "finished_at"));
    }

    private static StepRecord step(ResultSet rs, int row) throws SQLException {
        return new StepRecord(
                rs.getString("name"),
                rs.getInt("position"),
                rs.getString("status"),
                rs.getBoolean("create_attempted"),
                rs.getBoolean("adopted"),
                rs.getString("remote_id"),
                rs.getString("error"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }
}
