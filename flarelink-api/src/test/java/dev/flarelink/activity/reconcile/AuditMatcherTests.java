package dev.flarelink.activity.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityEventView;
import dev.flarelink.cloudflare.audit.AuditLogEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The matching rules: ray id without colo suffix, the method/path/time fallback, reads versus writes. */
class AuditMatcherTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID USER = UUID.randomUUID();
    private static final UUID CONNECTION = UUID.randomUUID();
    private static final ReconcileRange RANGE = new ReconcileRange(T0.minusSeconds(3600), T0.plusSeconds(3600));
    private static final String KV = "/accounts/{account_id}/storage/kv/namespaces";

    @Test
    void matchesByRayIgnoringTheColoSuffixAndCase() {
        AuditMatcher.Result result = AuditMatcher.match(
                List.of(audit("POST", "/accounts/a1/storage/kv/namespaces", T0.plusSeconds(40), "8E9B1C60EF9E1C9A")),
                List.of(ours(1, "POST", KV, "account_id=a1", T0, "8e9b1c60ef9e1c9a-AMS", CONNECTION)),
                CONNECTION,
                RANGE);

        assertThat(result.matched()).isEqualTo(1);
        assertThat(result.cloudflareOnly()).isEmpty();
        assertThat(result.flarelinkOnlyWrites()).isEmpty();
    }

    @Test
    void withoutARayFallsBackToMethodPathAndTimeWithinFiveSeconds() {
        AuditMatcher.Result result = AuditMatcher.match(
                List.of(
                        audit("POST", "/client/v4/accounts/a1/storage/kv/namespaces?x=1", T0.plusSeconds(4), null),
                        audit("DELETE", "/accounts/a1/storage/kv/namespaces/n1", T0.plusSeconds(30), "ray9")),
                List.of(
                        // Lost response: Flarelink has no ray, Cloudflare has one; close enough in time.
                        ours(1, "POST", KV, "account_id=a1", T0, null, CONNECTION),
                        // Same path but too far apart in time: not a partner.
                        ours(2, "DELETE", KV + "/{namespace_id}", "account_id=a1,namespace_id=n1", T0, null, null)),
                CONNECTION,
                RANGE);

        assertThat(result.matched()).isEqualTo(1);
        assertThat(result.cloudflareOnly()).extracting(ReconciledCall::cfRay).containsExactly("ray9");
        // Event 2 belongs to no connection (connecting a token): it is never reported, only used as a partner.
        assertThat(result.flarelinkOnlyWrites()).isEmpty();
    }

    @Test
    void aRayMismatchIsNotRescuedByTheFallback() {
        AuditMatcher.Result result = AuditMatcher.match(
                List.of(audit("POST", "/accounts/a1/storage/kv/namespaces", T0, "aaaa")),
                List.of(ours(1, "POST", KV, "account_id=a1", T0, "bbbb-AMS", CONNECTION)),
                CONNECTION,
                RANGE);

        assertThat(result.matched()).isZero();
        assertThat(result.cloudflareOnly()).hasSize(1);
        assertThat(result.flarelinkOnlyWrites()).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/accounts/a1/storage/kv/namespaces");
            assertThat(call.seq()).isEqualTo(1);
        });
    }

    @Test
    void unmatchedFlarelinkCallsAreSplitIntoReadsAndWritesWithinTheRangeOnly() {
        AuditMatcher.Result result = AuditMatcher.match(
                List.of(),
                List.of(
                        ours(1, "GET", KV, "account_id=a1", T0, "r1-AMS", CONNECTION),
                        ours(2, "PUT", KV, "account_id=a1", T0.plusSeconds(1), "r2-AMS", CONNECTION),
                        ours(3, "HEAD", KV, "account_id=a1", T0.plusSeconds(2), "r3-AMS", CONNECTION),
                        ours(4, "PUT", KV, "account_id=a1", RANGE.since().minusSeconds(2), "r4-AMS", CONNECTION),
                        ours(5, "PUT", KV, "account_id=a1", T0, "r5-AMS", UUID.randomUUID())),
                CONNECTION,
                RANGE);

        assertThat(result.flarelinkOnlyReads()).extracting(ReconciledCall::seq).containsExactly(3L, 1L);
        assertThat(result.flarelinkOnlyWrites()).extracting(ReconciledCall::seq).containsExactly(2L);
    }

    @Test
    void rayDropsTheSuffixAndBlankIsAbsent() {
        assertThat(AuditMatcher.ray("8e9b1c60ef9e1c9a-AMS")).isEqualTo("8e9b1c60ef9e1c9a");
        assertThat(AuditMatcher.ray("8e9b1c60ef9e1c9a")).isEqualTo("8e9b1c60ef9e1c9a");
        assertThat(AuditMatcher.ray(" ")).isNull();
        assertThat(AuditMatcher.ray(null)).isNull();
    }

    private static AuditLogEntry audit(String method, String uri, Instant time, @Nullable String ray) {
        return new AuditLogEntry(
                UUID.randomUUID().toString(),
                null,
                new AuditLogEntry.Action("create", "x", "success", time),
                new AuditLogEntry.Actor("u", "user", "api_token", null, "198.51.100.7", "tok", "flarelink"),
                new AuditLogEntry.Raw(ray, method, 200, uri, "curl/8"),
                null,
                null);
    }

    private static ActivityEventView ours(
            long seq,
            String method,
            String path,
            String ids,
            Instant time,
            @Nullable String ray,
            @Nullable UUID connection) {
        ActivityEntry entry = new ActivityEntry(
                USER, seq, time, "call", "x", connection, null, method, path, ids, 200, null, ray, 5, 1, "ok", null);
        return new ActivityEventView(seq, entry, "p", "h");
    }
}
