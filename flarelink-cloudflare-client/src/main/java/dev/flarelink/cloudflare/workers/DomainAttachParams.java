package dev.flarelink.cloudflare.workers;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PUT /accounts/{account_id}/workers/domains}; sends {@code zone_id} and
 * {@code environment: production}, the most compatible combination (reference §4.2).
 *
 * @param hostname hostname to attach
 * @param service Worker script name
 * @param zoneId zone of the hostname
 * @param environment legacy environment, {@code production}
 * @param overrideExistingOrigin take the hostname from another Worker (100116)
 * @param overrideExistingDnsRecord replace a conflicting DNS record (100117)
 */
public record DomainAttachParams(
        String hostname,
        String service,
        String zoneId,
        String environment,
        @Nullable Boolean overrideExistingOrigin,
        @Nullable Boolean overrideExistingDnsRecord) {

    public static DomainAttachParams of(String hostname, String service, String zoneId) {
        return new DomainAttachParams(hostname, service, zoneId, "production", null, null);
    }

    /** A copy that asks Cloudflare to take over an existing origin and DNS record. */
    public DomainAttachParams overridingExisting() {
        return new DomainAttachParams(hostname, service, zoneId, environment, true, true);
    }
}
