package dev.flarelink.connect.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.connect.ConnectionHealth;
import dev.flarelink.connect.ConnectionService;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every signed-in page the user's connection health, so the layout can show the "Cloudflare no longer accepts
 * your token" banner and empty states can point at Connect. One small indexed query per page, and none for the JSON
 * API under {@code /api/}, whose answers have no banner (an advice's model attributes are made for every handler).
 */
@ControllerAdvice
class ConnectionHealthAdvice {

    private final ConnectionService connections;

    ConnectionHealthAdvice(ConnectionService connections) {
        this.connections = connections;
    }

    @ModelAttribute("connectionHealth")
    @Nullable
    ConnectionHealth connectionHealth(
            @AuthenticationPrincipal @Nullable SignedInUser user, HttpServletRequest request) {
        if (user == null || request.getServletPath().startsWith("/api/")) {
            return null;
        }
        return connections.healthOf(user.id());
    }
}
