package dev.flarelink.jsonapi;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.apikey.ApiKeyService;
import dev.flarelink.apikey.AuthenticatedKey;
import dev.flarelink.apikey.RateDecision;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an {@code /api/**} request by its {@code Authorization: Bearer flk_…} header, counts it against the
 * key's per-minute limit, and records it in the key user's Activity log with the key's name and prefix, together
 * with the range of events (Cloudflare calls, changes) it caused. A request without the header goes on
 * unauthenticated and the entry point answers 401; a presented but unknown, revoked or expired key is answered 401
 * here, without saying which.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "Bearer ";

    private final ApiKeyService keys;
    private final ActivityService activity;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    private final SecurityContextRepository repository;

    ApiKeyFilter(ApiKeyService keys, ActivityService activity, SecurityContextRepository repository) {
        this.keys = keys;
        this.activity = activity;
        this.repository = repository;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AuthenticatedKey> found = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? keys.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (found.isEmpty()) {
            ApiErrors.write(
                    response, HttpServletResponse.SC_UNAUTHORIZED, "INVALID_API_KEY", ApiErrors.INVALID_KEY_MESSAGE);
            return;
        }
        AuthenticatedKey key = found.get();
        RateDecision rate = keys.countRequest(key.keyId());
        response.setHeader("X-RateLimit-Limit", String.valueOf(rate.limit()));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, rate.limit() - rate.used())));
        if (!rate.allowed()) {
            response.setHeader("Retry-After", String.valueOf(rate.retryAfterSeconds()));
            ApiErrors.write(
                    response,
                    429,
                    "RATE_LIMITED",
                    "This key made more than " + rate.limit() + " requests this minute. Wait "
                            + rate.retryAfterSeconds() + " seconds (Retry-After), then try again.");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key));
        contexts.setContext(context);
        // Kept in the request (never a session), so an asynchronous dispatch (a streamed export) is still this key's.
        repository.saveContext(context, request, response);
        long before = lastSeq(key);
        try {
            chain.doFilter(request, response);
        } finally {
            record(key, request, response.getStatus(), before);
        }
    }

    private long lastSeq(AuthenticatedKey key) {
        try {
            return activity.lastSeq(key.userId());
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }

    // The events between the one before the request and this one are what the request caused (other requests of the
    // same user running at the same moment may interleave theirs; docs/api.md says so).
    private void record(AuthenticatedKey key, HttpServletRequest request, int status, long before) {
        try {
            long after = activity.lastSeq(key.userId());
            String caused = before < 0 || after <= before
                    ? "; caused no other event"
                    : "; caused events #" + (before + 1) + (after > before + 1 ? "–#" + after : "");
            String detail =
                    key.actor() + ": " + request.getMethod() + " " + request.getRequestURI() + " → " + status + caused;
            activity.recordAction(ActivityEntry.action(
                    key.userId(), "api.request", null, null, status < 400 ? "ok" : "failed", detail));
        } catch (RuntimeException notRecorded) {
            log.warn(
                    "Could not record an API request in the Activity log: {}",
                    notRecorded.getClass().getSimpleName());
        }
    }
}
