package dev.flarelink.users;

import dev.flarelink.cloudflare.WaitingThread;
import dev.flarelink.provisioning.WorkerReloadProperties;
import dev.flarelink.provisioning.WorkerTargets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a project's auth Worker (0.4.0+) to send a verification or password-reset link. Flarelink holds no service
 * key: each request carries a one-time ticket whose SHA-256 was written into the project's D1
 * ({@code flarelink_ticket}) just before; the Worker consumes it atomically. Pings go where the reload pings go
 * ({@code flarelink.reload.*}): never through a redirect, with a timeout.
 */
@Component
class WorkerLinks {

    static final String VERIFICATION_PATH = "/__flarelink/admin/send-verification";
    static final String RESET_PATH = "/__flarelink/admin/send-reset";
    static final Duration TICKET_LIFETIME = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(WorkerLinks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a ticket is for; the Worker refuses a ticket presented for another purpose. */
    enum Purpose {
        VERIFICATION("send-verification", VERIFICATION_PATH, "verification link"),
        RESET("send-reset", RESET_PATH, "password-reset link");

        final String value;
        final String path;
        final String noun;

        Purpose(String value, String path, String noun) {
            this.value = value;
            this.path = path;
            this.noun = noun;
        }
    }

    /** A ticket's text (sent once, never stored) and what goes into D1. */
    record Ticket(String value, String hash, Instant expiresAt) {
        @Override
        public String toString() {
            return "Ticket[expiresAt=" + expiresAt + ", value=(redacted)]";
        }
    }

    private final WorkerReloadProperties properties;
    private final WorkerTargets targets;
    private final Clock clock;
    private final SecureRandom random;
    private final HttpClient http;

    WorkerLinks(WorkerReloadProperties properties, WorkerTargets targets, Clock clock) {
        this.properties = properties;
        this.targets = targets;
        this.clock = clock;
        this.random = new SecureRandom();
        // Never follow a redirect: the ticket goes to the Worker and nowhere else.
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Ticket issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "flarelink_tk_" + HexFormat.of().formatHex(bytes);
        return new Ticket(value, sha256(value), clock.instant().plus(TICKET_LIFETIME));
    }

    LinkOutcome send(@Nullable String workerUrl, Purpose purpose, Ticket ticket) {
        URI target;
        if (!properties.enabled()) {
            return skipped("Pings to the Worker are turned off here (flarelink.reload.enabled), so no " + purpose.noun
                    + " was sent.");
        }
        WorkerTargets.Target resolved = targets.resolve(workerUrl, purpose.path);
        if (resolved.uri() == null) {
            return skipped(resolved.unavailable() + ", so no " + purpose.noun + " was sent.");
        }
        target = resolved.uri();
        try {
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(properties.timeout())
                    .header("Authorization", "Bearer " + ticket.value())
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            return interpret(purpose, WaitingThread.send(http, request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException unreachable) {
            log.debug(
                    "Link ping to {} failed: {}",
                    target.getHost(),
                    unreachable.getClass().getSimpleName());
            return failed("The Worker could not be reached (" + describe(unreachable) + "); no " + purpose.noun
                    + " was sent. Try again in a moment.");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failed("The request to the Worker was interrupted; no " + purpose.noun + " was sent.");
        }
    }

    private static LinkOutcome interpret(Purpose purpose, HttpResponse<String> response) {
        JsonNode body = parse(response.body());
        String code = body.path("code").asString("");
        int status = response.statusCode();
        if (status == 200 && body.path("ok").asBoolean(false)) {
            return new LinkOutcome(LinkOutcome.Status.SENT, "The Worker sent the " + purpose.noun + ".");
        }
        return switch (code) {
            case "INVALID_TICKET" ->
                failed("The Worker refused the one-time ticket (unknown, used or expired); nothing was sent. "
                        + "Try again.");
            case "USER_NOT_FOUND" -> failed("The Worker found no such user (deleted meanwhile?); nothing was sent.");
            case "ALREADY_VERIFIED" -> failed("The user's e-mail address is already verified; nothing was sent.");
            case "EMAIL_NOT_CONFIGURED" ->
                failed("The Worker has no e-mail provider configured; set EMAIL_PROVIDER and EMAIL_FROM first.");
            case "EMAIL_SEND_FAILED" ->
                failed("The Worker's e-mail provider refused or did not answer; check EMAIL_PROVIDER, EMAIL_FROM and "
                        + "the provider's key, then try again.");
            default -> {
                if (status == 404 && code.isEmpty()) {
                    yield failed("The deployed Worker predates admin links (0.4.0); Redeploy to upgrade it.");
                }
                String shown = code.isEmpty() ? "HTTP " + status : code + " (HTTP " + status + ")";
                yield failed("The Worker answered " + shown + "; no " + purpose.noun + " was sent.");
            }
        };
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String describe(IOException failure) {
        if (failure instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (failure instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return failure.getClass().getSimpleName();
    }

    private static LinkOutcome skipped(String message) {
        return new LinkOutcome(LinkOutcome.Status.SKIPPED, message);
    }

    private static LinkOutcome failed(String message) {
        return new LinkOutcome(LinkOutcome.Status.FAILED, message);
    }
}
