package dev.flarelink.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the user's live projects (the {@code project} table belongs to provisioning; only read here) and keeps the
 * {@code project_bucket} attachments. Every read filters by the owning user and the connection.
 */
@Repository
class ProjectBucketRepository {

    private static final String COLUMNS =
            "p.id, p.name, p.account_id, p.d1_database_id, p.trusted_origins, p.workers_dev_url";

    private final JdbcClient jdbc;

    ProjectBucketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ProjectLink> projectsOf(UUID userId, UUID connectionId) {
        return jdbc.sql("select " + COLUMNS + " from project p where p.user_id = :user and p.connection_id = "
                        + ":connection and p.status = 'active' order by p.name")
                .param("user", userId)
                .param("connection", connectionId)
                .query(ProjectBucketRepository::map)
                .list();
    }

    Optional<ProjectLink> project(UUID userId, UUID connectionId, UUID projectId) {
        return jdbc.sql("select " + COLUMNS + " from project p where p.id = :id and p.user_id = :user and "
                        + "p.connection_id = :connection and p.status = 'active'")
                .param("id", projectId)
                .param("user", userId)
                .param("connection", connectionId)
                .query(ProjectBucketRepository::map)
                .optional();
    }

    /** The live project the bucket belongs to: created by its provisioning, or attached later. */
    Optional<ProjectLink> forBucket(UUID userId, UUID connectionId, String bucket) {
        return jdbc.sql("select " + COLUMNS + " from project p where p.user_id = :user and p.connection_id = "
                        + ":connection and p.status = 'active' and (p.r2_bucket = :bucket or exists (select 1 from "
                        + "project_bucket b where b.project_id = p.id and b.bucket_name = :bucket)) "
                        + "order by p.created_at limit 1")
                .param("user", userId)
                .param("connection", connectionId)
                .param("bucket", bucket)
                .query(ProjectBucketRepository::map)
                .optional();
    }

    /** The project's buckets: the one its provisioning created, then those attached to it, by name. */
    List<String> bucketsOf(UUID projectId) {
        List<String> buckets =
                new ArrayList<>(jdbc.sql("select r2_bucket from project where id = :project and r2_bucket is not null")
                        .param("project", projectId)
                        .query(String.class)
                        .list());
        buckets.addAll(
                jdbc.sql("select bucket_name from project_bucket where project_id = :project order by bucket_name")
                        .param("project", projectId)
                        .query(String.class)
                        .list());
        return buckets.stream().distinct().toList();
    }

    void attach(UUID projectId, String bucket, Instant when) {
        jdbc.sql("insert into project_bucket (project_id, bucket_name, created_at) values (:project, :bucket, :when) "
                        + "on conflict do nothing")
                .param("project", projectId)
                .param("bucket", bucket)
                .param("when", Timestamp.from(when))
                .update();
    }

    /** Whether the bucket was attached to the project (rather than created by its provisioning). */
    boolean attached(UUID projectId, String bucket) {
        return jdbc.sql("select count(*) from project_bucket where project_id = :project and bucket_name = :bucket")
                        .param("project", projectId)
                        .param("bucket", bucket)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void detach(UUID projectId, String bucket) {
        jdbc.sql("delete from project_bucket where project_id = :project and bucket_name = :bucket")
                .param("project", projectId)
                .param("bucket", bucket)
                .update();
    }

    private static ProjectLink map(ResultSet row, int number) throws SQLException {
        return new ProjectLink(
                row.getObject("id", UUID.class),
                row.getString("name"),
                row.getString("account_id"),
                row.getString("d1_database_id"),
                Arrays.stream(row.getString("trusted_origins").split("\n"))
                        .filter(s -> !s.isBlank())
                        .toList(),
                row.getString("workers_dev_url"));
    }
}
