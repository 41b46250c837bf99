package dev.flarelink.cloudflare.workers;

import org.jspecify.annotations.Nullable;

/**
 * A hostname attached to a Worker.
 *
 * @param id domain id (used to detach)
 * @param hostname the hostname
 * @param service the Worker script name
 * @param zoneId zone of the hostname
 * @param zoneName zone name
 * @param certId edge certificate id
 * @param environment legacy environment, usually {@code production}
 */
public record CustomDomain(
        String id,
        String hostname,
        String service,
        @Nullable String zoneId,
        @Nullable String zoneName,
        @Nullable String certId,
        @Nullable String environment) {}
