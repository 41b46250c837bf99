package dev.flarelink.activity;

import dev.flarelink.cloudflare.ApiCallEvent;
import dev.flarelink.cloudflare.ApiCallListener;
import java.util.stream.Collectors;

/**
 * Turns each HTTP attempt the Cloudflare client reports into an Activity event of its actor: retries are events of
 * their own. The event carries no token, header or body; for D1 the statement text, never bound values.
 */
final class ActivityCallListener implements ApiCallListener {

    private final ActivityRecorder recorder;
    private final ActivityActor actor;

    ActivityCallListener(ActivityRecorder recorder, ActivityActor actor) {
        this.recorder = recorder;
        this.actor = actor;
    }

    @Override
    public void onAttempt(ApiCallEvent event) {
        recorder.append(toEntry(event));
    }

    ActivityEntry toEntry(ApiCallEvent event) {
        String ids = event.resourceIds().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        String codes = event.errorCodes().stream().map(String::valueOf).collect(Collectors.joining(","));
        return new ActivityEntry(
                actor.userId(),
                0,
                event.startedAt(),
                "call",
                event.action(),
                actor.connectionId(),
                actor.projectId(),
                event.method(),
                event.pathTemplate(),
                ids.isEmpty() ? null : ids,
                event.status(),
                codes.isEmpty() ? null : codes,
                event.cfRay(),
                (int) Math.min(Integer.MAX_VALUE, event.duration().toMillis()),
                event.attempt(),
                outcome(event),
                event.sql());
    }

    static String outcome(ApiCallEvent event) {
        if (event.status() == null) {
            return "conn_error";
        }
        // An answer the caller asked for (e.g. "no CORS policy" when reading one) is a result, not an error.
        if (event.succeeded() || event.expected()) {
            return "ok";
        }
        return event.status() >= 500 ? "server_error" : "client_error";
    }
}
