package dev.flarelink.cloudflare.sandbox;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Workers custom domains: attach with zone lookup and Cloudflare's conflict codes, list, get, detach. */
final class DomainRoutes {

    private final SandboxContext ctx;
    private final WorkerRoutes workers;

    DomainRoutes(SandboxContext ctx, WorkerRoutes workers) {
        this.ctx = ctx;
        this.workers = workers;
    }

    void routes(Router router) {
        router.add("PUT", "/accounts/{aid}/workers/domains", this::attach);
        router.add("GET", "/accounts/{aid}/workers/domains", this::list);
        router.add("GET", "/accounts/{aid}/workers/domains/{did}", call -> ApiResponse.ok(json(find(call))));
        router.add("DELETE", "/accounts/{aid}/workers/domains/{did}", this::detach);
    }

    private ApiResponse attach(ApiCall call) {
        SandboxState.Account account = workers.account(call, WorkerRoutes.WRITE);
        JsonNode body = call.json();
        String hostname = Json.text(body, "hostname").toLowerCase(Locale.ROOT);
        String service = Json.text(body, "service");
        if (hostname.isEmpty() || service.isEmpty()) {
            throw ApiException.badRequest(100100, "hostname and service are required");
        }
        if (!account.scripts.containsKey(service)) {
            throw ApiException.notFound(10007, "This Worker does not exist on your account.");
        }
        SandboxState.Zone zone = zone(account, hostname, Json.text(body, "zone_id"), Json.text(body, "zone_name"));
        SandboxState.Domain existing = byHostname(account, hostname);
        if (existing != null && existing.service.equals(service)) {
            return ApiResponse.ok(json(existing)); // re-attaching the same hostname to the same Worker is a no-op
        }
        if (existing != null && !body.path("override_existing_origin").asBoolean(false)) {
            throw ApiException.conflict(
                    100116,
                    "Hostname '" + hostname + "' already in use by other custom domain."
                            + " Either delete it, try a different hostname, or use the option 'override_existing_origin'"
                            + " to override.");
        }
        boolean dnsConflict = existing == null && zone.dnsRecords.contains(hostname);
        if (dnsConflict && !body.path("override_existing_dns_record").asBoolean(false)) {
            throw ApiException.conflict(
                    100117,
                    "Hostname '" + hostname + "' already has externally managed DNS"
                            + " records (A, CNAME, etc). Either delete them, try a different hostname, or use the option"
                            + " 'override_existing_dns_record' to override.");
        }
        zone.dnsRecords.remove(hostname);
        SandboxState.Domain domain = existing != null ? existing : new SandboxState.Domain();
        if (existing == null) {
            domain.id = Ids.hex32();
            domain.certId = Ids.uuid();
        }
        domain.hostname = hostname;
        domain.service = service;
        domain.zoneId = zone.id;
        domain.zoneName = zone.name;
        account.domains.put(domain.id, domain);
        return ApiResponse.ok(json(domain));
    }

    /** The zone named by id or name, else the longest zone suffix of the hostname, in this account. */
    private static SandboxState.Zone zone(
            SandboxState.Account account, String hostname, String zoneId, String zoneName) {
        SandboxState.Zone best = null;
        for (SandboxState.Zone zone : account.zones.values()) {
            boolean named = zone.id.equals(zoneId) || zone.name.equals(zoneName);
            boolean suffix = hostname.equals(zone.name) || hostname.endsWith("." + zone.name);
            if ((named || zoneId.isEmpty() && zoneName.isEmpty()) && suffix) {
                if (best == null || zone.name.length() > best.name.length()) {
                    best = zone;
                }
            }
        }
        if (best == null || !best.status.equals("active")) {
            throw ApiException.badRequest(100119, "Could not find an active zone in this account for " + hostname);
        }
        return best;
    }

    private static SandboxState.@Nullable Domain byHostname(SandboxState.Account account, String hostname) {
        return account.domains.values().stream()
                .filter(domain -> domain.hostname.equals(hostname))
                .findFirst()
                .orElse(null);
    }

    private ApiResponse list(ApiCall call) {
        SandboxState.Account account = workers.account(call, WorkerRoutes.READ);
        ArrayNode result = Json.array();
        for (SandboxState.Domain domain : account.domains.values()) {
            boolean host = call.query("hostname", domain.hostname).equals(domain.hostname);
            boolean service = call.query("service", domain.service).equals(domain.service);
            boolean zone = call.query("zone_id", domain.zoneId).equals(domain.zoneId);
            boolean zoneName = call.query("zone_name", domain.zoneName).equals(domain.zoneName);
            if (host && service && zone && zoneName) {
                result.add(json(domain));
            }
        }
        return ApiResponse.ok(result);
    }

    private SandboxState.Domain find(ApiCall call) {
        SandboxState.Domain domain =
                workers.account(call, WorkerRoutes.READ).domains.get(call.var("did"));
        if (domain == null) {
            throw ApiException.notFound(100114, "Domain not found");
        }
        return domain;
    }

    private ApiResponse detach(ApiCall call) {
        SandboxState.Account account = workers.account(call, WorkerRoutes.WRITE);
        if (account.domains.remove(call.var("did")) == null) {
            throw ApiException.notFound(100114, "Domain not found");
        }
        return ApiResponse.ok(null);
    }

    private static ObjectNode json(SandboxState.Domain domain) {
        ObjectNode node = Json.object();
        node.put("id", domain.id);
        node.put("hostname", domain.hostname);
        node.put("service", domain.service);
        node.put("environment", "production");
        node.put("zone_id", domain.zoneId);
        node.put("zone_name", domain.zoneName);
        node.put("cert_id", domain.certId);
        return node;
    }
}
