package dev.flarelink.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which of a user's projects a Cloudflare resource belongs to, so that every event about a project's database or
 * buckets carries the project and the Activity project filter finds it. Reads the {@code project} and
 * {@code project_bucket} tables only, always through the owning user and connection; a resource of no live project
 * answers {@code null}.
 */
@Component
public class ResourceProjects {

    private final JdbcClient jdbc;

    ResourceProjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A project as the Activity project filter offers it. */
    public record ProjectChoice(UUID id, String name) {}

    /** The user's projects (all but deleted ones) by name, for the Activity project filter. */
    public List<ProjectChoice> choicesOf(UUID userId) {
        return jdbc.sql("select id, name from project where user_id = :user and status <> 'deleted' order by name")
                .param("user", userId)
                .query((rs, n) -> new ProjectChoice(rs.getObject("id", UUID.class), rs.getString("name")))
                .list();
    }

    /**
     * Where a project's resources are in the dashboard: its connection, its D1 database and its buckets (the one its
     * provisioning created first, then the ones attached later, by name).
     */
    public record ProjectPlaces(UUID connectionId, @Nullable String databaseId, List<String> buckets) {}

    /** The places of the user's project; empty for a project that is not the user's. */
    public Optional<ProjectPlaces> placesOf(UUID userId, UUID projectId) {
        return jdbc.sql("select p.connection_id, p.d1_database_id, p.r2_bucket, array(select b.bucket_name from"
                        + " project_bucket b where b.project_id = p.id order by b.bucket_name) as attached"
                        + " from project p where p.id = :project and p.user_id = :user")
                .param("project", projectId)
                .param("user", userId)
                .query((rs, n) -> {
                    List<String> buckets = new ArrayList<>();
                    String own = rs.getString("r2_bucket");
                    if (own != null) {
                        buckets.add(own);
                    }
                    for (Object name : (Object[]) rs.getArray("attached").getArray()) {
                        buckets.add((String) name);
                    }
                    return new ProjectPlaces(
                            rs.getObject("connection_id", UUID.class), rs.getString("d1_database_id"), buckets);
                })
                .optional();
    }

    /** The project whose provisioning created this D1 database. */
    public @Nullable UUID forDatabase(UUID userId, UUID connectionId, String databaseId) {
        return jdbc.sql("select id from project where user_id = :user and connection_id = :connection"
                        + " and d1_database_id = :database and status <> 'deleted' order by created_at limit 1")
                .param("user", userId)
                .param("connection", connectionId)
                .param("database", databaseId)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    /** The project whose provisioning created this bucket, or to which it was attached later. */
    public @Nullable UUID forBucket(UUID userId, UUID connectionId, String bucket) {
        return jdbc.sql("select p.id from project p where p.user_id = :user and p.connection_id = :connection"
                        + " and p.status <> 'deleted' and (p.r2_bucket = :bucket or exists (select 1 from"
                        + " project_bucket b where b.project_id = p.id and b.bucket_name = :bucket))"
                        + " order by p.created_at limit 1")
                .param("user", userId)
                .param("connection", connectionId)
                .param("bucket", bucket)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }
}
