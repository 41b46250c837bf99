package dev.flarelink.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code user_account} table. A taken e-mail address fails the insert with a {@code DuplicateKeyException}. */
@Repository
class UserAccountRepository {

    private static final String COLUMNS = "id, email, password_hash, created_at";

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from user_account where id = :id")
                .param("id", id)
                .query(UserAccountRepository::map)
                .optional();
    }

    Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from user_account where email = :email")
                .param("email", email)
                .query(UserAccountRepository::map)
                .optional();
    }

    boolean existsByEmail(String email) {
        return jdbc.sql("select exists (select 1 from user_account where email = :email)")
                .param("email", email)
                .query(Boolean.class)
                .single();
    }

    UserAccount insert(UserAccount account) {
        jdbc.sql("""
                        insert into user_account (id, email, password_hash, created_at, password_changed_at)
                        values (:id, :email, :hash, :created, :created)""")
                .param("id", account.getId())
                .param("email", account.getEmail())
                .param("hash", account.getPasswordHash())
                .param("created", Timestamp.from(account.getCreatedAt()))
                .update();
        return account;
    }

    void changePasswordHash(UUID id, String newHash, Instant now) {
        jdbc.sql("update user_account set password_hash = :hash, password_changed_at = :now where id = :id")
                .param("hash", newHash)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    private static UserAccount map(ResultSet row, int number) throws SQLException {
        return new UserAccount(
                row.getObject("id", UUID.class),
                row.getString("email"),
                row.getString("password_hash"),
                row.getTimestamp("created_at").toInstant());
    }
}
