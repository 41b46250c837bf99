package dev.flarelink.activity.reconcile;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of comparing Cloudflare's audit log with the Activity log for one connection and time range.
 *
 * @param connectionId the connection compared
 * @param accountName its Cloudflare account
 * @param tokenId the id of the token whose audit entries were read
 * @param range the range compared (its end is never later than the moment the comparison started)
 * @param matched calls both sides recorded
 * @param cloudflareOnly calls Cloudflare recorded for the token that Flarelink did not: someone else used the token,
 *     or Flarelink failed to record a call
 * @param flarelinkOnlyWrites changes Flarelink recorded that Cloudflare's audit log does not show
 * @param flarelinkOnlyReads reads Flarelink recorded; Cloudflare's audit log records mostly changes, so these are
 *     expected
 * @param truncated whether a side had more entries than one comparison reads (the lists are then incomplete)
 * @param problem why Cloudflare's side could not be read (for instance a missing permission), else {@code null}
 */
public record Reconciliation(
        UUID connectionId,
        String accountName,
        String tokenId,
        ReconcileRange range,
        int matched,
        List<ReconciledCall> cloudflareOnly,
        List<ReconciledCall> flarelinkOnlyWrites,
        List<ReconciledCall> flarelinkOnlyReads,
        boolean truncated,
        @Nullable String problem) {

    public Reconciliation {
        cloudflareOnly = List.copyOf(cloudflareOnly);
        flarelinkOnlyWrites = List.copyOf(flarelinkOnlyWrites);
        flarelinkOnlyReads = List.copyOf(flarelinkOnlyReads);
    }

    static Reconciliation unavailable(
            UUID connectionId, String accountName, String tokenId, ReconcileRange range, String problem) {
        return new Reconciliation(
                connectionId, accountName, tokenId, range, 0, List.of(), List.of(), List.of(), false, problem);
    }

    /** Whether Cloudflare's side was read and compared. */
    public boolean compared() {
        return problem == null;
    }
}
