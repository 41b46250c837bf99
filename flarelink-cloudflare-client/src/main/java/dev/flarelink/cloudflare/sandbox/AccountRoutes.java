package dev.flarelink.cloudflare.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /accounts} and {@code /zones}: what the token can see, and zone lookup by name for custom domains. */
final class AccountRoutes {

    /** Zone Read is the documented group; a live probe found Workers Scripts Write alone also lists zones. */
    static final Set<String> ZONE_READ = Set.of(PermissionGroups.ZONE_READ, PermissionGroups.WORKERS_SCRIPTS_WRITE);

    private final SandboxContext ctx;

    AccountRoutes(SandboxContext ctx) {
        this.ctx = ctx;
    }

    void routes(Router router) {
        router.add("GET", "/accounts", this::listAccounts);
        router.add("GET", "/accounts/{aid}", this::getAccount);
        router.add("GET", "/zones", this::listZones);
        router.add("GET", "/zones/{zid}", this::getZone);
        router.add("GET", "/user", this::user);
    }

    /** The token's user, as {@code wrangler whoami} reads it; 9109 without User Details Read. */
    private ApiResponse user(ApiCall call) {
        ctx.authz.requireUser(call.requireToken(), java.util.Set.of(PermissionGroups.USER_DETAILS_READ));
        tools.jackson.databind.node.ObjectNode user = Json.object();
        user.put("id", ctx.state.userId);
        user.put("email", ctx.state.userEmail);
        user.putNull("first_name");
        user.putNull("last_name");
        user.putNull("username");
        user.putNull("telephone");
        user.putNull("country");
        user.putNull("zipcode");
        user.put("two_factor_authentication_enabled", false);
        user.put("two_factor_authentication_locked", false);
        user.put("has_pro_zones", false);
        user.put("has_business_zones", false);
        user.put("has_enterprise_zones", false);
        user.put("suspended", false);
        user.set("betas", Json.array());
        user.set("organizations", Json.array());
        return ApiResponse.ok(user);
    }

    private ApiResponse listAccounts(ApiCall call) {
        SandboxState.Token token = call.requireToken();
        String name = call.query("name", "");
        List<SandboxState.Account> visible = new ArrayList<>();
        for (SandboxState.Account account : ctx.state.accounts.values()) {
            boolean nameMatches = name.isEmpty() || account.name.toLowerCase().contains(name.toLowerCase());
            if (nameMatches && ctx.authz.seesAccount(token, account.id)) {
                visible.add(account);
            }
        }
        return Pages.page(call, visible, this::accountJson);
    }

    private ApiResponse getAccount(ApiCall call) {
        String aid = call.var("aid");
        if (!ctx.state.accounts.containsKey(aid) || !ctx.authz.seesAccount(call.requireToken(), aid)) {
            throw Authz.denied(9109);
        }
        return ApiResponse.ok(accountJson(ctx.account(aid)));
    }

    private ObjectNode accountJson(SandboxState.Account account) {
        ObjectNode node = Json.object();
        node.put("id", account.id);
        node.put("name", account.name);
        node.put("type", "standard");
        node.put("created_on", SandboxContext.iso(account.createdOn));
        ObjectNode settings = node.putObject("settings");
        settings.put("enforce_twofactor", false);
        settings.put("abuse_contact_email", (String) null);
        return node;
    }

    private ApiResponse listZones(ApiCall call) {
        SandboxState.Token token = call.requireToken();
        String name = call.query("name", "");
        String accountId = call.query("account.id", "");
        String status = call.query("status", "");
        List<ZoneRef> zones = new ArrayList<>();
        for (SandboxState.Account account : ctx.state.accounts.values()) {
            if (!accountId.isEmpty() && !accountId.equals(account.id)) {
                continue;
            }
            if (!ctx.authz.allows(token, ZONE_READ, Authz.ACCOUNT_PREFIX + account.id)) {
                continue;
            }
            for (SandboxState.Zone zone : account.zones.values()) {
                boolean byName = name.isEmpty() || zone.name.equalsIgnoreCase(name);
                boolean byStatus = status.isEmpty() || zone.status.equals(status);
                if (byName && byStatus) {
                    zones.add(new ZoneRef(account, zone));
                }
            }
        }
        return Pages.page(call, zones, AccountRoutes::zoneJson);
    }

    private ApiResponse getZone(ApiCall call) {
        SandboxState.Token token = call.requireToken();
        String zid = call.var("zid");
        for (SandboxState.Account account : ctx.state.accounts.values()) {
            SandboxState.Zone zone = account.zones.get(zid);
            if (zone != null && ctx.authz.allows(token, ZONE_READ, Authz.ACCOUNT_PREFIX + account.id)) {
                return ApiResponse.ok(zoneJson(new ZoneRef(account, zone)));
            }
        }
        throw Authz.denied(9109);
    }

    record ZoneRef(SandboxState.Account account, SandboxState.Zone zone) {}

    static ObjectNode zoneJson(ZoneRef ref) {
        ObjectNode node = Json.object();
        node.put("id", ref.zone().id);
        node.put("name", ref.zone().name);
        node.put("status", ref.zone().status);
        node.put("paused", false);
        node.put("type", "full");
        node.put("development_mode", 0);
        node.set("account", Json.object().put("id", ref.account().id).put("name", ref.account().name));
        node.set("name_servers", Json.strings(List.of("ada.ns.cloudflare.com", "bob.ns.cloudflare.com")));
        node.set("original_name_servers", Json.array());
        node.put("created_on", SandboxContext.iso(ref.account().createdOn));
        node.put("modified_on", SandboxContext.iso(ref.account().createdOn));
        node.put("activated_on", SandboxContext.iso(ref.account().createdOn));
        return node;
    }
}
