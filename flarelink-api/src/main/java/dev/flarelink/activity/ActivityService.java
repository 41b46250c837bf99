package dev.flarelink.activity;

import dev.flarelink.cloudflare.ApiCallListener;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The Activity log's facade for the dashboard: record actions, read and export a user's events, verify the chain. */
@Service
public class ActivityService {

    private final ActivityRecorder recorder;
    private final ChainVerifier verifier;
    private final ActivityQueries queries;
    private final ActivityExporter exporter;

    ActivityService(
            ActivityRecorder recorder, ChainVerifier verifier, ActivityQueries queries, ActivityExporter exporter) {
        this.recorder = recorder;
        this.verifier = verifier;
        this.queries = queries;
        this.exporter = exporter;
    }

    /** Records a dashboard action (connected, provisioned, row inserted...) for its user. */
    public ActivityEntry recordAction(ActivityEntry action) {
        return recorder.append(action);
    }

    /** The sequence number of the user's newest event (0 before the first): where the next ones will follow. */
    public long lastSeq(UUID userId) {
        return recorder.lastSeq(userId);
    }

    /**
     * The listener to hand to {@code CloudflareClient.withToken(token, listener)}: every HTTP attempt made through
     * that view becomes an event of {@code actor}.
     */
    public ApiCallListener listenerFor(ActivityActor actor) {
        return new ActivityCallListener(recorder, actor);
    }

    /** Re-computes the user's chain and reports the first broken link, if any. */
    public IntegrityReport verify(UUID userId) {
        return verifier.verify(userId);
    }

    /**
     * Re-computes the user's chain, then records that a verification was run (action {@code activity.verify}); the
     * report describes the chain as it was before that event.
     */
    public IntegrityReport verifyAndRecord(UUID userId) {
        IntegrityReport report = verifier.verify(userId);
        String detail = report.intact()
                ? "intact: " + report.checked() + " events verified"
                : "broken at event " + report.firstBrokenSeq() + ": " + report.reason();
        recorder.append(
                ActivityEntry.action(userId, "activity.verify", null, null, report.intact() ? "ok" : "failed", detail));
        return report;
    }

    /** The user's "Verify integrity" that is running, or was interrupted and will resume, if any. */
    public Optional<VerificationProgress> verificationInProgress(UUID userId) {
        return verifier.running(userId);
    }

    /** One page of the user's events, newest first, starting below {@code before} (or at the newest). */
    public ActivityPage page(UUID userId, ActivityFilter filter, @Nullable ActivityCursor before) {
        return queries.page(userId, filter, before);
    }

    /** The user's event with this sequence number; another user's or a missing one is not found. */
    public ActivityEventView event(UUID userId, long seq) {
        return queries.find(userId, seq).orElseThrow(() -> ActivityEventNotFoundException.forSeq(seq));
    }

    /**
     * The user's Cloudflare call events in {@code [from, to)} made with {@code connectionId} or with no connection
     * (connecting a token), oldest first, at most {@code limit}: the Flarelink side of a reconciliation.
     */
    public List<ActivityEventView> calls(UUID userId, UUID connectionId, Instant from, Instant to, int limit) {
        return queries.calls(userId, connectionId, from, to, limit);
    }

    /** Streams the user's events that match {@code filter}, oldest first, to {@code out} in constant memory. */
    public void export(UUID userId, ActivityFilter filter, ActivityExportFormat format, OutputStream out) {
        exporter.export(userId, filter, format, out);
    }
}
