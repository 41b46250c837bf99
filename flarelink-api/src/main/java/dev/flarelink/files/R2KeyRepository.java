package dev.flarelink.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code r2_key} table; every read filters by the owning user. */
@Repository
class R2KeyRepository {

    private final JdbcClient jdbc;

    R2KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(R2KeyRecord key) {
        jdbc.sql("""
                        insert into r2_key (id, user_id, connection_id, token_id, name, buckets, created_at)
                        values (:id, :user, :connection, :token, :name, :buckets, :created)""")
                .param("id", key.id())
                .param("user", key.userId())
                .param("connection", key.connectionId())
                .param("token", key.tokenId())
                .param("name", key.name())
                .param("buckets", String.join(",", key.buckets()))
                .param("created", Timestamp.from(key.createdAt()))
                .update();
    }

    void markRevoked(UUID userId, UUID id, Instant when) {
        jdbc.sql("update r2_key set revoked_at = :when where id = :id and user_id = :user and revoked_at is null")
                .param("when", Timestamp.from(when))
                .param("id", id)
                .param("user", userId)
                .update();
    }

    Optional<R2KeyRecord> find(UUID userId, UUID connectionId, UUID id) {
        return jdbc.sql("select * from r2_key where id = :id and user_id = :user and connection_id = :connection")
                .param("id", id)
                .param("user", userId)
                .param("connection", connectionId)
                .query(R2KeyRepository::map)
                .optional();
    }

    List<R2KeyRecord> of(UUID userId, UUID connectionId) {
        return jdbc.sql("""
                        select * from r2_key where user_id = :user and connection_id = :connection
                        order by revoked_at is not null, created_at desc""")
                .param("user", userId)
                .param("connection", connectionId)
                .query(R2KeyRepository::map)
                .list();
    }

    private static R2KeyRecord map(ResultSet row, int number) throws SQLException {
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new R2KeyRecord(
                row.getObject("id", UUID.class),
                row.getObject("user_id", UUID.class),
                row.getObject("connection_id", UUID.class),
                row.getString("token_id"),
                row.getString("name"),
                Arrays.asList(row.getString("buckets").split(",")),
                row.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
