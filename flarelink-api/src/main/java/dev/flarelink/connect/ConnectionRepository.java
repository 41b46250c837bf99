package dev.flarelink.connect;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code cloudflare_connection} table. Each change is one statement that writes only what it changes (a new token,
 * the outcome of a check, a revocation), so changes that overlap do not undo each other; nothing is saved behind the
 * caller's back.
 */
@Repository
class ConnectionRepository {

    private static final RowMapper<Connection> CONNECTION = (row, number) -> new Connection(row);

    private final JdbcClient jdbc;

    ConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Connection> findByIdAndUserId(UUID id, UUID userId) {
        return jdbc.sql("select * from cloudflare_connection where id = :id and user_id = :user")
                .param("id", id)
                .param("user", userId)
                .query(CONNECTION)
                .optional();
    }

    Optional<Connection> findByUserIdAndAccountId(UUID userId, String accountId) {
        return jdbc.sql("select * from cloudflare_connection where user_id = :user and account_id = :account")
                .param("user", userId)
                .param("account", accountId)
                .query(CONNECTION)
                .optional();
    }

    List<Connection> findByUserIdOrderByCreatedAt(UUID userId) {
        return jdbc.sql("select * from cloudflare_connection where user_id = :user order by created_at")
                .param("user", userId)
                .query(CONNECTION)
                .list();
    }

    void insert(Connection connection) {
        jdbc.sql("""
                        insert into cloudflare_connection (id, user_id, account_id, account_name, token_ciphertext,
                            token_id, token_fingerprint, status, granted, checked_at, created_at)
                        values (:id, :user, :account, :accountName, :ciphertext,
                            :tokenId, :fingerprint, :status, :granted, :checked, :created)""")
                .param("id", connection.getId())
                .param("user", connection.getUserId())
                .param("account", connection.getAccountId())
                .param("accountName", connection.getAccountName())
                .param("ciphertext", connection.getTokenCiphertext())
                .param("tokenId", connection.getTokenId())
                .param("fingerprint", connection.getTokenFingerprint())
                .param("status", connection.getStatus())
                .param("granted", connection.getGranted())
                .param("checked", Timestamp.from(connection.getCheckedAt()))
                .param("created", Timestamp.from(connection.getCreatedAt()))
                .update();
    }

    /**
     * Writes a replaced token with the permission receipt of its check; the connection is active again.
     *
     * @return whether the connection was still there to write to
     */
    boolean updateToken(Connection connection) {
        return jdbc.sql("""
                        update cloudflare_connection set token_ciphertext = :ciphertext, token_id = :tokenId,
                            token_fingerprint = :fingerprint, status = :status, granted = :granted, checked_at = :checked
                        where id = :id and user_id = :user""")
                        .param("ciphertext", connection.getTokenCiphertext())
                        .param("tokenId", connection.getTokenId())
                        .param("fingerprint", connection.getTokenFingerprint())
                        .param("status", connection.getStatus())
                        .param("granted", connection.getGranted())
                        .param("checked", Timestamp.from(connection.getCheckedAt()))
                        .param("id", connection.getId())
                        .param("user", connection.getUserId())
                        .update()
                == 1;
    }

    /**
     * Writes the outcome of checking the connection's token: its status and permission receipt. Only if the token is
     * still the one checked: a check that ends after the token was replaced says nothing about the new token.
     *
     * @return whether the outcome was written
     */
    boolean updateCheck(Connection connection) {
        return jdbc.sql("""
                        update cloudflare_connection set status = :status, granted = :granted, checked_at = :checked
                        where id = :id and user_id = :user and token_ciphertext = :ciphertext""")
                        .param("status", connection.getStatus())
                        .param("granted", connection.getGranted())
                        .param("checked", Timestamp.from(connection.getCheckedAt()))
                        .param("id", connection.getId())
                        .param("user", connection.getUserId())
                        .param("ciphertext", connection.getTokenCiphertext())
                        .update()
                == 1;
    }

    /**
     * Marks an active connection revoked (or expired) in one statement, so two callers that find the token rejected
     * at once mark it, and record it, once.
     *
     * @return whether this call marked it
     */
    boolean markRevoked(UUID userId, UUID id, String status) {
        return jdbc.sql("""
                        update cloudflare_connection set status = :status
                        where id = :id and user_id = :user and status = 'active'""")
                        .param("status", status)
                        .param("id", id)
                        .param("user", userId)
                        .update()
                == 1;
    }

    void delete(Connection connection) {
        jdbc.sql("delete from cloudflare_connection where id = :id and user_id = :user")
                .param("id", connection.getId())
                .param("user", connection.getUserId())
                .update();
    }
}
