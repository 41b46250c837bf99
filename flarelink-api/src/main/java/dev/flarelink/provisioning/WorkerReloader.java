package dev.flarelink.provisioning;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.WaitingThread;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a project's auth Worker to reload its {@code flarelink_config} at once after Flarelink changed it (trusted
 * origins, service key, R2 keypair). Flarelink keeps no service key, so each change carries a one-time
 * {@link ReloadTicket} in the same D1 batch, and the ping presents it. A ping that fails never fails the change: the
 * Worker reads its configuration again within 60 s anyway, and the page says which of the two happened.
 */
@Component
@Import(WorkerReloader.Settings.class)
public class WorkerReloader {

    static final String PATH = "/__flarelink/reload-config";
    private static final Duration TICKET_LIFETIME = Duration.ofMinutes(10);
    private static final Duration LONGEST_RETRY_WAIT = Duration.ofSeconds(2);

    private static final String WITHIN_A_MINUTE = "the Worker picks the change up within 60 seconds.";
    private static final Logger log = LoggerFactory.getLogger(WorkerReloader.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WorkerReloadProperties properties;
    private final WorkerTargets targets;
    private final ActivityService activity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http;

    WorkerReloader(WorkerReloadProperties properties, WorkerTargets targets, ActivityService activity, Clock clock) {
        this.properties = properties;
        this.targets = targets;
        this.activity = activity;
        this.clock = clock;
        // Never follow a redirect: the ticket goes to the Worker and nowhere else.
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A fresh ticket, to be written with the change ({@link ReloadTicket#statements()}) and then pinged with. */
    public ReloadTicket issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new ReloadTicket(
                "flarelink_rt_" + HexFormat.of().formatHex(bytes),
                clock.instant().plus(TICKET_LIFETIME));
    }

    /**
     * Pings the Worker with the ticket that was just written and records the outcome in the Activity log.
     *
     * @param workerUrl the Worker's public URL (its workers.dev address), or null when it has none yet
     */
    public ReloadOutcome ping(
            UUID userId, UUID connectionId, UUID projectId, @Nullable String workerUrl, ReloadTicket ticket) {
        ReloadOutcome outcome = send(workerUrl, ticket);
        activity.recordAction(ActivityEntry.action(
                userId,
                "worker.reload",
                connectionId,
                projectId,
                outcome.status() == ReloadOutcome.Status.FAILED ? "failed" : "ok",
                outcome.message()));
        return outcome;
    }

    private ReloadOutcome send(@Nullable String workerUrl, ReloadTicket ticket) {
        if (!properties.enabled()) {
            return skipped("Reload pings are turned off here (flarelink.reload.enabled); " + WITHIN_A_MINUTE);
        }
        WorkerTargets.Target resolved = targets.resolve(workerUrl, PATH);
        if (resolved.uri() == null) {
            return skipped(
                    resolved.unavailable().startsWith("Sandbox mode")
                            ? resolved.unavailable().replace(" (", ", so none was asked to reload (")
                            : resolved.unavailable() + "; " + WITHIN_A_MINUTE);
        }
        URI target = resolved.uri();
        try {
            HttpResponse<String> response = post(target, ticket);
            if (response.statusCode() == 429) {
                Thread.sleep(retryWait(response).toMillis());
                response = post(target, ticket);
            }
            return interpret(response);
        } catch (IOException unreachable) {
            log.debug(
                    "Reload ping to {} failed: {}",
                    target.getHost(),
                    unreachable.getClass().getSimpleName());
            return failed("The Worker could not be reached (" + describe(unreachable) + "); " + WITHIN_A_MINUTE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failed("The reload ping was interrupted; " + WITHIN_A_MINUTE);
        }
    }

    private HttpResponse<String> post(URI target, ReloadTicket ticket) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(properties.timeout())
                .header("Authorization", "Bearer " + ticket.value())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return WaitingThread.send(http, request, HttpResponse.BodyHandlers.ofString());
    }

    private static ReloadOutcome interpret(HttpResponse<String> response) {
        JsonNode body = parse(response.body());
        String code = body.path("code").asString("");
        if (response.statusCode() == 200 && body.path("ok").asBoolean(false)) {
            return new ReloadOutcome(
                    ReloadOutcome.Status.RELOADED,
                    "The Worker (version " + body.path("version").asString("?") + ") reloaded its configuration: "
                            + "the change is live.");
        }
        if (code.equals("INVALID_SERVICE_KEY") || code.equals("MISSING_SERVICE_KEY")) {
            return failed("The deployed Worker predates reload tickets (0.2.0); Redeploy to upgrade it. Until then "
                    + WITHIN_A_MINUTE);
        }
        if (code.equals("RELOAD_THROTTLED")) {
            return failed("The Worker was asked to reload less than a second ago; " + WITHIN_A_MINUTE);
        }
        if (code.equals("INVALID_RELOAD_TICKET") || code.equals("RELOAD_TICKET_EXPIRED")) {
            return failed("The Worker refused the reload ticket (" + code + "), most likely because a newer change "
                    + "replaced it; " + WITHIN_A_MINUTE);
        }
        String shown =
                code.isEmpty() ? "HTTP " + response.statusCode() : code + " (HTTP " + response.statusCode() + ")";
        return failed("The Worker answered " + shown + " instead of reloading; " + WITHIN_A_MINUTE);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static Duration retryWait(HttpResponse<String> response) {
        long seconds = response.headers()
                .firstValue("Retry-After")
                .map(value -> {
                    try {
                        return Long.parseLong(value.trim());
                    } catch (NumberFormatException notSeconds) {
                        return 1L;
                    }
                })
                .orElse(1L);
        Duration wait = Duration.ofSeconds(Math.max(1, seconds));
        return wait.compareTo(LONGEST_RETRY_WAIT) > 0 ? LONGEST_RETRY_WAIT : wait;
    }

    private static String describe(IOException failure) {
        if (failure instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (failure instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (failure.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "its address does not resolve";
        }
        return failure.getClass().getSimpleName();
    }

    private static ReloadOutcome skipped(String message) {
        return new ReloadOutcome(ReloadOutcome.Status.SKIPPED, message);
    }

    private static ReloadOutcome failed(String message) {
        return new ReloadOutcome(ReloadOutcome.Status.FAILED, message);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WorkerReloadProperties.class)
    static class Settings {}
}
