package dev.flarelink.account;

import java.time.Instant;
import java.util.UUID;

/** Read model of an account, safe to show: never carries the password hash. */
public record AccountView(UUID id, String email, Instant createdAt) {

    static AccountView of(UserAccount account) {
        return new AccountView(account.getId(), account.getEmail(), account.getCreatedAt());
    }
}
