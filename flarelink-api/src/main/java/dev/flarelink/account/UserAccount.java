package dev.flarelink.account;

import java.time.Instant;
import java.util.UUID;

/** A dashboard account. The password is only ever held as an Argon2id hash. */
final class UserAccount {

    private final UUID id;
    private final String email;
    private final String passwordHash;
    private final Instant createdAt;

    UserAccount(UUID id, String email, String passwordHash, Instant createdAt) {
        this.id = id;
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "UserAccount[id=" + id + "]";
    }
}
