package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.d1.D1Statement;
import java.time.Instant;
import java.util.List;

/**
 * A one-time credential that lets Flarelink ask a project's auth Worker (0.2.0+) to reload its configuration without
 * keeping the service key. Its hash and expiry go into {@code flarelink_config} in the same D1 batch as the change,
 * the value is sent once with the ping and then forgotten.
 */
public final class ReloadTicket {

    static final String HASH_KEY = "RELOAD_TICKET_HASH";
    static final String EXPIRES_KEY = "RELOAD_TICKET_EXPIRES_AT";

    private final String value;
    private final Instant expiresAt;

    ReloadTicket(String value, Instant expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /** The rows to write beside the change, in the same batch. */
    public List<D1Statement> statements() {
        return List.of(
                D1ConfigStep.upsert(HASH_KEY, ServiceKeys.sha256(value)),
                D1ConfigStep.upsert(EXPIRES_KEY, Long.toString(expiresAt.toEpochMilli())));
    }

    String value() {
        return value;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "ReloadTicket[expiresAt=" + expiresAt + ", value=(redacted)]";
    }
}
