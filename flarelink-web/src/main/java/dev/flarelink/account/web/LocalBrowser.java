package dev.flarelink.account.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether a request comes straight from a browser on the machine Flarelink runs on. Three conditions, each closing
 * one way in: the connection is from a loopback address (not the network); the Host is a loopback name (a page of
 * another site that re-points its DNS name at 127.0.0.1, DNS rebinding, sends its own name); and no proxy header is
 * present (a tunnel or reverse proxy on this machine, such as cloudflared or ngrok, connects from loopback but adds
 * them on behalf of someone elsewhere).
 */
final class LocalBrowser {

    private static final List<String> PROXY_HEADERS =
            List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP", "CF-Connecting-IP");

    private LocalBrowser() {}

    static boolean isDirect(HttpServletRequest request) {
        if (!isLoopbackLiteral(request.getRemoteAddr())) {
            return false;
        }
        if (!isLoopbackName(hostOf(request.getHeader("Host")))) {
            return false;
        }
        return PROXY_HEADERS.stream().noneMatch(header -> request.getHeader(header) != null);
    }

    private static boolean isLoopbackName(@Nullable String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || isLoopbackLiteral(name);
    }

    // Only IP literals: a name here would be looked up in DNS, which is what rebinding controls.
    private static boolean isLoopbackLiteral(@Nullable String address) {
        if (address == null || address.isEmpty() || !address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host part of a Host header: {@code localhost:8080} → localhost, {@code [::1]:8080} → ::1. */
    static @Nullable String hostOf(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
