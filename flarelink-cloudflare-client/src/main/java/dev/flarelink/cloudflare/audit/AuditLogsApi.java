package dev.flarelink.cloudflare.audit;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.core.PageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Account audit logs; needs Account Settings Read, which is optional in Flarelink's token scope. */
public final class AuditLogsApi {

    private final ApiCaller caller;

    public AuditLogsApi(ApiCaller caller) {
        this.caller = caller;
    }

    /** {@code GET /accounts/{account_id}/logs/audit} (v2, cursor-based), filtered by time range and actor/token. */
    public Page<AuditLogEntry> list(String accountId, AuditLogQuery query) {
        ApiRequest request = ApiRequest.get("audit_logs.list", "/accounts/{account_id}/logs/audit")
                .path("account_id", accountId)
                .query("since", query.sinceParam())
                .query("before", query.beforeParam())
                .query("actor_token_id", query.actorTokenId())
                .query("actor_email", query.actorEmail())
                .query("raw_cf_ray_id", query.rawCfRayId())
                .query("direction", query.direction())
                .query("limit", query.limit())
                .build();
        return caller.pageByCursor(request, null, AuditLogEntry.class, null);
    }

    /** {@code GET /accounts/{account_id}/audit_logs} (v1, page-based), by time range and optional actor email. */
    public Page<AuditLogV1Entry> listV1(
            String accountId, Instant since, Instant before, @Nullable String actorEmail, PageRequest page) {
        ApiRequest request = ApiRequest.get("audit_logs.v1.list", "/accounts/{account_id}/audit_logs")
                .path("account_id", accountId)
                .query("since", since.truncatedTo(ChronoUnit.SECONDS).toString())
                .query("before", before.truncatedTo(ChronoUnit.SECONDS).toString())
                .query("actor.email", actorEmail)
                .build();
        return caller.pageByNumber(request, page, AuditLogV1Entry.class);
    }
}
