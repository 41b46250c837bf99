package dev.flarelink.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the owner's live project (the {@code project} table belongs to provisioning; only read here). Another user's
 * project, a deleted one and one without a database all answer {@link UsersNotFoundException}.
 */
@Repository
class AuthProjects {

    private final JdbcClient jdbc;

    AuthProjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AuthProject owned(UUID userId, UUID projectId) {
        return jdbc.sql("select id, name, user_id, connection_id, account_id, d1_database_id, kv_namespace_id, "
                        + "workers_dev_url, deployed_version from project where id = :id and user_id = :user "
                        + "and status = 'active' and d1_database_id is not null")
                .param("id", projectId)
                .param("user", userId)
                .query(AuthProjects::map)
                .optional()
                .orElseThrow(() -> UsersNotFoundException.project(projectId));
    }

    /** The owner's live project whose D1 database this is, if any (the table grid links its user tables here). */
    java.util.Optional<UUID> projectOfDatabase(UUID userId, UUID connectionId, String databaseId) {
        return jdbc.sql("select id from project where user_id = :user and connection_id = :connection and "
                        + "d1_database_id = :database and status = 'active' order by created_at limit 1")
                .param("user", userId)
                .param("connection", connectionId)
                .param("database", databaseId)
                .query(UUID.class)
                .optional();
    }

    private static AuthProject map(ResultSet rs, int row) throws SQLException {
        return new AuthProject(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("user_id", UUID.class),
                rs.getObject("connection_id", UUID.class),
                rs.getString("account_id"),
                rs.getString("d1_database_id"),
                rs.getString("kv_namespace_id"),
                rs.getString("workers_dev_url"),
                rs.getString("deployed_version"));
    }
}
