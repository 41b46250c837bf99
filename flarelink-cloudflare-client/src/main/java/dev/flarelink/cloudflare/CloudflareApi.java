package dev.flarelink.cloudflare;

import dev.flarelink.cloudflare.accounts.AccountsApi;
import dev.flarelink.cloudflare.audit.AuditLogsApi;
import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.d1.D1Api;
import dev.flarelink.cloudflare.kv.KvApi;
import dev.flarelink.cloudflare.r2.R2Api;
import dev.flarelink.cloudflare.tokens.TokensApi;
import dev.flarelink.cloudflare.workers.WorkersApi;
import dev.flarelink.cloudflare.zones.ZonesApi;

/** The Cloudflare API as seen by one token: resource accessors for every endpoint Flarelink uses. */
public final class CloudflareApi {

    private final ApiCaller caller;
    private final ApiToken.Kind tokenKind;

    CloudflareApi(ApiCaller caller, ApiToken.Kind tokenKind) {
        this.caller = caller;
        this.tokenKind = tokenKind;
    }

    /** Token verification and user API token management. */
    public TokensApi tokens() {
        return new TokensApi(caller, accounts(), tokenKind);
    }

    /** Accounts visible to the token. */
    public AccountsApi accounts() {
        return new AccountsApi(caller);
    }

    /** Zone lookup (for custom domains). */
    public ZonesApi zones() {
        return new ZonesApi(caller);
    }

    /** Worker scripts, workers.dev subdomains and custom domains. */
    public WorkersApi workers() {
        return new WorkersApi(caller);
    }

    /** D1 databases and queries. */
    public D1Api d1() {
        return new D1Api(caller);
    }

    /** Workers KV namespaces, keys and values. */
    public KvApi kv() {
        return new KvApi(caller);
    }

    /** R2 buckets, CORS and temporary credentials. */
    public R2Api r2() {
        return new R2Api(caller, null);
    }

    /** Account audit logs. */
    public AuditLogsApi auditLogs() {
        return new AuditLogsApi(caller);
    }

    @Override
    public String toString() {
        return "CloudflareApi[token redacted]";
    }
}
