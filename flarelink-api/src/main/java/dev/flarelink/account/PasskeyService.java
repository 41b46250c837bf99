package dev.flarelink.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account's passkeys as the account page lists them. Spring Security's WebAuthn support registers them and signs
 * in with them (its JDBC repositories, on the same tables); this only lists and removes, always through the owner.
 */
@Service
public class PasskeyService {

    /** One passkey, without its key material. */
    public record Passkey(
            String id,
            String label,
            @Nullable Instant createdAt,
            @Nullable Instant lastUsedAt) {}

    private final JdbcClient jdbc;

    PasskeyService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public List<Passkey> list(UUID userId) {
        return jdbc.sql("select credential_id, label, created, last_used from user_credentials where user_id = :u "
                        + "order by created, credential_id")
                .param("u", userId)
                .query((rs, row) -> new Passkey(
                        rs.getString("credential_id"),
                        rs.getString("label"),
                        instant(rs.getTimestamp("created")),
                        instant(rs.getTimestamp("last_used"))))
                .list();
    }

    /**
     * Removes one of the account's passkeys. The account keeps its password, so this never removes the last way to
     * sign in.
     *
     * @return the removed passkey's label; empty when the account has no passkey with this id (whoever's it is)
     */
    @Transactional
    public java.util.Optional<String> remove(UUID userId, String credentialId) {
        java.util.Optional<String> label = jdbc.sql(
                        "select label from user_credentials where user_id = :u and credential_id = :c")
                .param("u", userId)
                .param("c", credentialId)
                .query(String.class)
                .optional();
        label.ifPresent(found -> jdbc.sql("delete from user_credentials where user_id = :u and credential_id = :c")
                .param("u", userId)
                .param("c", credentialId)
                .update());
        return label;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
