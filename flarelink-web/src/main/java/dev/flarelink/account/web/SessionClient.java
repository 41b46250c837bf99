package dev.flarelink.account.web;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * Kept in a signed-in session: which device it is, for the Sessions page, and when its user last proved who they are,
 * for sensitive actions. {@code handle} names the session on pages and in forms; the session id itself is a
 * credential and is never shown.
 */
public record SessionClient(UUID handle, String address, String userAgent, Instant signedInAt, Instant confirmedAt)
        implements Serializable {

    static final String ATTRIBUTE = "flarelink.client";

    SessionClient confirmedAt(Instant now) {
        return new SessionClient(handle, address, userAgent, signedInAt, now);
    }
}
