package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.WaitingThread;
import dev.flarelink.cloudflare.d1.D1Statement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks a project's auth Worker to send one test email ({@code POST /__flarelink/test-email}). Flarelink keeps no
 * service key: a one-time ticket, single-purpose ({@code flarelink_et_}), goes into {@code flarelink_config} first,
 * and is presented once. Reaches the Worker the same way reload pings do ({@code flarelink.reload.*}).
 */
@Component
public class WorkerTestEmail {

    static final String PATH = "/__flarelink/test-email";
    private static final Duration TICKET_LIFETIME = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UPSERT = "INSERT INTO flarelink_config (key, value, updated_at) VALUES (?1, ?2, "
            + "unixepoch()) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

    private final WorkerReloadProperties properties;
    private final WorkerTargets targets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http;

    WorkerTestEmail(WorkerReloadProperties properties, WorkerTargets targets, Clock clock) {
        this.properties = properties;
        this.targets = targets;
        this.clock = clock;
        // Never follow a redirect: the ticket goes to the Worker and nowhere else.
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A one-time ticket; its value is never logged, stored or shown. */
    public static final class Ticket {
        private final String value;
        private final Instant expiresAt;

        Ticket(String value, Instant expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }

        /** The rows to write before presenting it. */
        List<D1Statement> statements() {
            return List.of(
                    D1Statement.of(UPSERT, "EMAIL_TICKET_HASH", ServiceKeys.sha256(value)),
                    D1Statement.of(UPSERT, "EMAIL_TICKET_EXPIRES_AT", Long.toString(expiresAt.toEpochMilli())));
        }

        String value() {
            return value;
        }

        @Override
        public String toString() {
            return "Ticket[expiresAt=" + expiresAt + ", value=(redacted)]";
        }
    }

    /**
     * What became of the test: sent or not, and the provider's answer in words.
     *
     * @param sent the provider accepted the email
     */
    public record Result(boolean sent, String message) {}

    Ticket issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new Ticket(
                "flarelink_et_" + HexFormat.of().formatHex(bytes),
                clock.instant().plus(TICKET_LIFETIME));
    }

    Result send(@Nullable String workerUrl, Ticket ticket, String to, String template) {
        WorkerTargets.Target resolved = targets.resolve(workerUrl, PATH);
        if (resolved.uri() == null) {
            return new Result(false, resolved.unavailable() + ", so no email was sent.");
        }
        URI target = resolved.uri();
        ObjectNode body = JSON.createObjectNode().put("to", to);
        if (!template.isEmpty()) {
            body.put("template", template);
        }
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(properties.timeout().plusSeconds(10)) // the Worker waits for the provider
                .header("Authorization", "Bearer " + ticket.value())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            return interpret(WaitingThread.send(http, request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException unreachable) {
            return new Result(
                    false,
                    "The Worker could not be reached (" + unreachable.getClass().getSimpleName()
                            + "); no email was sent.");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Result(false, "Interrupted before the Worker answered.");
        }
    }

    private static Result interpret(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException notJson) {
            body = JSON.createObjectNode();
        }
        String provider = body.path("provider").asString("");
        String providerName = provider.equals("resend") ? "Resend" : provider.equals("cloudflare") ? "Cloudflare" : "";
        JsonNode answer = body.path("answer");
        if (response.statusCode() == 200 && body.path("ok").asBoolean(false)) {
            String id = answer.path("id").asString("");
            return new Result(
                    true,
                    providerName + " accepted the email (HTTP "
                            + answer.path("status").asInt(200) + ")" + (id.isEmpty() ? "" : ", message id " + id)
                            + ".");
        }
        String code = body.path("code").asString("");
        return switch (code) {
            case "EMAIL_REFUSED" -> {
                String said = answer.path("message").asString("");
                String status = answer.path("status").isNumber()
                        ? " (HTTP " + answer.path("status").asInt() + ")"
                        : "";
                yield new Result(
                        false, providerName + " refused the email" + status + (said.isEmpty() ? "." : ": " + said));
            }
            case "EMAIL_NOT_CONFIGURED" ->
                new Result(false, "The Worker has no email provider configured yet; save the email settings first.");
            case "INVALID_EMAIL_TICKET", "EMAIL_TICKET_EXPIRED", "MISSING_EMAIL_TICKET" ->
                new Result(false, "The Worker refused the test ticket (" + code + "); try again.");
            case "NOT_FOUND" -> new Result(false, "The deployed Worker predates test emails; Redeploy to upgrade it.");
            default ->
                new Result(
                        false,
                        "The Worker answered "
                                + (code.isEmpty() ? "" : code + " ")
                                + "(HTTP " + response.statusCode() + ") instead of sending.");
        };
    }
}
