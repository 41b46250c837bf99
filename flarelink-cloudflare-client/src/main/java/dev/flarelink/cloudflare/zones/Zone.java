package dev.flarelink.cloudflare.zones;

import org.jspecify.annotations.Nullable;

/**
 * A DNS zone.
 *
 * @param id zone id
 * @param name domain name, e.g. {@code example.com}
 * @param status {@code initializing|pending|active|moved} (open-ended)
 * @param paused whether Cloudflare is paused for the zone
 * @param type {@code full|partial|secondary|internal} (open-ended)
 * @param account the owning account
 * @param nameServers assigned Cloudflare name servers
 */
public record Zone(
        String id,
        String name,
        @Nullable String status,
        boolean paused,
        @Nullable String type,
        @Nullable ZoneAccount account,
        java.util.@Nullable List<String> nameServers) {

    /** Whether the zone is active (only active zones can take custom domains reliably). */
    public boolean isActive() {
        return "active".equalsIgnoreCase(status);
    }

    /**
     * The account a zone belongs to.
     *
     * @param id account id
     * @param name account name
     */
    public record ZoneAccount(String id, @Nullable String name) {}
}
