package dev.flarelink.connect.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.connect.ConnectionHealth;
import dev.flarelink.connect.ConnectionService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every signed-in page the user's connection health, so the layout can show the "Cloudflare no longer accepts
 * your token" banner and empty states can point at Connect. One small indexed query per page.
 */
@ControllerAdvice
class ConnectionHealthAdvice {

    private final ConnectionService connections;

    ConnectionHealthAdvice(ConnectionService connections) {
        this.connections = connections;
    }

    @ModelAttribute("connectionHealth")
    @Nullable
    ConnectionHealth connectionHealth(@AuthenticationPrincipal @Nullable SignedInUser user) {
        return user == null ? null : connections.healthOf(user.id());
    }
}
