package dev.flarelink.activity.reconcile;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityEventView;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.audit.AuditLogEntry;
import dev.flarelink.cloudflare.audit.AuditLogQuery;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.PermissionDeniedException;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionRevokedException;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Compares Cloudflare's audit log for a connection's token with the Activity log's call events over a time range.
 * It changes nothing in Cloudflare; its audit log reads are recorded in the Activity log like every call.
 */
@Service
public class ReconciliationService {

    /** The most entries read from either side in one comparison; beyond it the result says it is incomplete. */
    static final int MAX_ENTRIES = 20_000;

    static final String MISSING_PERMISSION = "Cloudflare did not let this connection's token read the account's"
            + " audit log (HTTP 403). Reconciliation needs the optional permission Account → Account Settings → Read,"
            + " which is not one of the five permissions Flarelink asks for. To use reconciliation, edit the token in"
            + " the Cloudflare dashboard (My Profile → API Tokens → Edit), add \"Account Settings: Read\" for this"
            + " account, save, and compare again. Nothing else in Flarelink needs it.";

    static final String REVOKED = "Cloudflare no longer accepts this connection's token, so its audit log cannot"
            + " be read. Replace the token on the connection's page, then compare again.";

    private static final int PAGE_SIZE = 1000;

    private final ConnectionService connections;
    private final ActivityService activity;
    private final Clock clock;

    ReconciliationService(ConnectionService connections, ActivityService activity, Clock clock) {
        this.connections = connections;
        this.activity = activity;
        this.clock = clock;
    }

    /** The user's connections, to choose the one to compare. */
    public List<ConnectionView> connectionsOf(UUID userId) {
        return connections.connectionsOf(userId);
    }

    /** The current moment, from the application clock, for form defaults and range checks. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Reads both logs for {@code range} (cut at the current moment, so this comparison's own calls are left out of
     * it), matches them and records an {@code activity.reconciled} action with the counts. A token that may not read
     * the audit log gives a result with a {@link Reconciliation#problem() problem}, not an exception.
     *
     * @throws dev.flarelink.connect.ConnectionNotFoundException when the connection is not the user's
     */
    public Reconciliation reconcile(UUID userId, UUID connectionId, ReconcileRange range) {
        ConnectionView connection = connections.get(userId, connectionId);
        Instant startedAt = clock.instant();
        ReconcileRange cut = range.before().isAfter(startedAt) ? new ReconcileRange(range.since(), startedAt) : range;
        // Our side first: every call of this comparison starts after startedAt and so falls outside the range.
        List<ActivityEventView> ours = activity.calls(
                userId, connectionId, cut.since().minus(AuditMatcher.SLACK), cut.before(), MAX_ENTRIES + 1);
        Reconciliation result;
        try {
            ConnectedAccount account = connections.open(userId, connectionId, null);
            List<AuditLogEntry> theirs =
                    account.call(api -> auditEntries(api, account.accountId(), connection.tokenId(), cut));
            AuditMatcher.Result matched = AuditMatcher.match(
                    theirs.subList(0, Math.min(theirs.size(), MAX_ENTRIES)),
                    ours.subList(0, Math.min(ours.size(), MAX_ENTRIES)),
                    connectionId,
                    cut);
            boolean truncated = theirs.size() > MAX_ENTRIES || ours.size() > MAX_ENTRIES;
            result = new Reconciliation(
                    connectionId,
                    connection.accountName(),
                    connection.tokenId(),
                    cut,
                    matched.matched(),
                    matched.cloudflareOnly(),
                    matched.flarelinkOnlyWrites(),
                    matched.flarelinkOnlyReads(),
                    truncated,
                    null);
        } catch (PermissionDeniedException | AuthenticationException denied) {
            result = unavailable(connection, cut, MISSING_PERMISSION);
        } catch (ConnectionRevokedException revoked) {
            result = unavailable(connection, cut, REVOKED);
        } catch (CloudflareException failed) {
            result = unavailable(connection, cut, unreachable(failed));
        }
        record(userId, result);
        return result;
    }

    private static List<AuditLogEntry> auditEntries(
            CloudflareApi api, String accountId, String tokenId, ReconcileRange range) {
        // Cloudflare takes whole seconds; round the end up and drop what falls after the exact end below.
        Instant before = range.before().truncatedTo(ChronoUnit.SECONDS);
        if (before.isBefore(range.before())) {
            before = before.plusSeconds(1);
        }
        AuditLogQuery query =
                AuditLogQuery.between(range.since(), before).byToken(tokenId).withLimit(PAGE_SIZE);
        List<AuditLogEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AuditLogEntry entry : api.auditLogs().list(accountId, query).autoPager()) {
            Instant time = entry.action() == null ? null : entry.action().time();
            boolean inRange = time == null || (!time.isBefore(range.since()) && time.isBefore(range.before()));
            // An entry can reappear on the next page when new entries arrive meanwhile: count it once.
            if (inRange && seen.add(entry.id())) {
                entries.add(entry);
            }
            if (entries.size() > MAX_ENTRIES) {
                break;
            }
        }
        return entries;
    }

    private static Reconciliation unavailable(ConnectionView connection, ReconcileRange range, String problem) {
        return Reconciliation.unavailable(
                connection.id(), connection.accountName(), connection.tokenId(), range, problem);
    }

    private static String unreachable(CloudflareException failed) {
        String status = failed instanceof CloudflareApiException api ? " (HTTP " + api.status() + ")" : "";
        return "Cloudflare's audit log could not be read just now" + status
                + ". Nothing was compared; try again in a few minutes.";
    }

    private void record(UUID userId, Reconciliation result) {
        String range = result.range().since() + " to " + result.range().before();
        String detail = result.compared()
                ? "matched " + result.matched() + "; Cloudflare only "
                        + result.cloudflareOnly().size()
                        + "; Flarelink only: " + result.flarelinkOnlyWrites().size() + " writes, "
                        + result.flarelinkOnlyReads().size() + " reads" + (result.truncated() ? " (incomplete)" : "")
                        + "; " + range
                : "not compared: "
                        + (MISSING_PERMISSION.equals(result.problem())
                                ? "Account Settings Read missing"
                                : REVOKED.equals(result.problem()) ? "token revoked" : "audit log unreachable")
                        + "; " + range;
        String outcome = result.compared() ? "ok" : "failed";
        activity.recordAction(
                ActivityEntry.action(userId, "activity.reconciled", result.connectionId(), null, outcome, detail));
    }
}
