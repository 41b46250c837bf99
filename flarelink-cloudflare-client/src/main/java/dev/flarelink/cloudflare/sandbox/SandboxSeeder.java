package dev.flarelink.cloudflare.sandbox;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The seeding operations behind {@link CloudflareSandbox}: accounts, zones, tokens and the demo seed. */
final class SandboxSeeder {

    static final String DEMO_ACCOUNT_NAME = "Flarelink Demo";

    private final SandboxContext ctx;

    SandboxSeeder(SandboxContext ctx) {
        this.ctx = ctx;
    }

    <T> T locked(Supplier<T> action) {
        ctx.lock.lock();
        try {
            T result = action.get();
            ctx.store.commit(ctx.state, true);
            return result;
        } finally {
            ctx.lock.unlock();
        }
    }

    String createAccount(String name, @Nullable String workersSubdomain) {
        return locked(() -> {
            SandboxState.Account account = new SandboxState.Account();
            account.id = Ids.hex32();
            account.name = name;
            account.createdOn = ctx.clock.millis();
            account.workersSubdomain = workersSubdomain;
            ctx.state.accounts.put(account.id, account);
            return account.id;
        });
    }

    String createZone(String accountId, String zoneName, String... dnsHostnames) {
        return locked(() -> {
            SandboxState.Zone zone = new SandboxState.Zone();
            zone.id = Ids.hex32();
            zone.name = zoneName.toLowerCase();
            zone.dnsRecords.addAll(Set.of(dnsHostnames));
            existing(accountId).zones.put(zone.id, zone);
            return zone.id;
        });
    }

    SandboxToken createToken(
            String accountId,
            String name,
            Set<SandboxPermission> permissions,
            SandboxTokenStatus status,
            boolean accountOwned) {
        if (accountOwned && permissions.stream().anyMatch(SandboxPermission::userScoped)) {
            throw new IllegalArgumentException("an account-owned token cannot hold a user-scoped permission");
        }
        return locked(() -> {
            existing(accountId);
            SandboxState.Token token =
                    TokenRoutes.mint(ctx, name, accountOwned, accountId, policies(accountId, permissions));
            switch (status) {
                case DISABLED -> token.status = "disabled";
                case EXPIRED -> token.expiresOn = ctx.clock.millis() - 1000;
                case ACTIVE -> {}
            }
            return new SandboxToken(token.id, token.value, accountId, accountOwned);
        });
    }

    void revokeToken(String tokenId) {
        locked(() -> ctx.state.tokens.remove(tokenId));
    }

    DemoSeed seedDemo() {
        return locked(() -> {
            Optional<DemoSeed> existing = demo();
            if (existing.isPresent()) {
                return existing.get();
            }
            SandboxState.Account account = new SandboxState.Account();
            account.id = Ids.hex32();
            account.name = DEMO_ACCOUNT_NAME;
            account.createdOn = ctx.clock.millis();
            account.workersSubdomain = "flarelink-demo";
            ctx.state.accounts.put(account.id, account);
            Set<SandboxPermission> five = SandboxPermission.flarelinkFive();
            Set<SandboxPermission> four = EnumSet.copyOf(five);
            four.remove(SandboxPermission.USER_API_TOKENS_EDIT);
            SandboxState.Token full = TokenRoutes.mint(
                    ctx, "Flarelink demo (all five permissions)", false, account.id, policies(account.id, five));
            SandboxState.Token limited = TokenRoutes.mint(
                    ctx, "Flarelink demo (without API Tokens: Edit)", false, account.id, policies(account.id, four));
            ctx.state.demoAccountId = account.id;
            ctx.state.demoFullTokenId = full.id;
            ctx.state.demoLimitedTokenId = limited.id;
            return demo().orElseThrow();
        });
    }

    /** The stored demo seed; empty when never seeded, or when a demo token has since been revoked. */
    Optional<DemoSeed> demo() {
        SandboxState state = ctx.state;
        if (state.demoAccountId == null || state.demoFullTokenId == null || state.demoLimitedTokenId == null) {
            return Optional.empty();
        }
        SandboxState.Account account = state.accounts.get(state.demoAccountId);
        SandboxState.Token full = state.tokens.get(state.demoFullTokenId);
        SandboxState.Token limited = state.tokens.get(state.demoLimitedTokenId);
        if (account == null || full == null || limited == null) {
            return Optional.empty();
        }
        return Optional.of(new DemoSeed(account.id, account.name, handle(full), handle(limited)));
    }

    private static SandboxToken handle(SandboxState.Token token) {
        return new SandboxToken(token.id, token.value, token.accountId, token.accountOwned);
    }

    private SandboxState.Account existing(String accountId) {
        SandboxState.Account account = ctx.state.accounts.get(accountId);
        if (account == null) {
            throw new IllegalArgumentException("no such sandbox account: " + accountId);
        }
        return account;
    }

    /** One allow policy for account-scoped groups on the account, one for user-scoped groups on the user. */
    private ArrayNode policies(String accountId, Set<SandboxPermission> permissions) {
        ArrayNode policies = Json.array();
        addPolicy(policies, Authz.ACCOUNT_PREFIX + accountId, permissions, false);
        addPolicy(policies, Authz.USER_PREFIX + ctx.state.userId, permissions, true);
        return policies;
    }

    private static void addPolicy(
            ArrayNode policies, String resource, Set<SandboxPermission> permissions, boolean user) {
        ArrayNode groups = Json.array();
        for (SandboxPermission permission : permissions) {
            if (permission.userScoped() == user) {
                groups.addObject()
                        .put("id", permission.groupId())
                        .put("name", PermissionGroups.name(permission.groupId()));
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        ObjectNode policy = policies.addObject();
        policy.put("id", Ids.hex32());
        policy.put("effect", "allow");
        policy.set("resources", Json.object().put(resource, "*"));
        policy.set("permission_groups", groups);
    }
}
