package dev.flarelink.cloudflare.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** The shared parts every route family needs: state, clock, authorisation, storage, D1 engine and switches. */
final class SandboxContext {

    final ReentrantLock lock = new ReentrantLock();
    final Clock clock;
    final StateStore store;
    final SandboxSwitches switches;
    final RateLimiter rateLimiter;
    final D1Engine d1;
    /** In-memory tokens the local Workers' D1 and KV bindings call the API with, by account id. */
    final Map<String, SandboxState.Token> runtimeTokens = new ConcurrentHashMap<>();

    SandboxState state;
    Authz authz;
    /** The local Workers runtime; set once by the sandbox before it serves. */
    @org.jspecify.annotations.Nullable
    SandboxWorkers workers;

    SandboxContext(Clock clock, StateStore store, SandboxSwitches switches) {
        this.clock = clock;
        this.store = store;
        this.switches = switches;
        this.rateLimiter = new RateLimiter(clock);
        this.state = store.load();
        this.authz = new Authz(state, clock, runtimeTokens);
        this.d1 = new D1Engine(store);
    }

    void replaceState(SandboxState fresh) {
        this.state = fresh;
        this.authz = new Authz(fresh, clock, runtimeTokens);
    }

    /**
     * Runs work with the sandbox lock released, for a route that has read what it needs from state and then does
     * slow work on data with its own lock (a D1 query). The lock is taken again before returning.
     */
    <T> T unlocked(java.util.function.Supplier<T> work) {
        if (lock.getHoldCount() != 1) {
            return work.get(); // nested holds (none today) would stay held: run in place
        }
        lock.unlock();
        try {
            return work.get();
        } finally {
            lock.lock();
        }
    }

    /** The runtime token for an account's local Workers: D1 and KV edit on that account only. */
    SandboxState.Token runtimeToken(String accountId) {
        return runtimeTokens.computeIfAbsent(accountId, id -> {
            SandboxState.Token token = new SandboxState.Token();
            token.id = "runtime" + Ids.hex(12);
            token.name = "Local Workers runtime (sandbox)";
            token.value = "flsbx_rt_" + Ids.hex(32);
            token.accountId = id;
            tools.jackson.databind.node.ArrayNode policies = Json.array();
            tools.jackson.databind.node.ObjectNode policy = policies.addObject();
            policy.put("id", Ids.hex32());
            policy.put("effect", "allow");
            policy.set("resources", Json.object().put(Authz.ACCOUNT_PREFIX + id, "*"));
            tools.jackson.databind.node.ArrayNode groups = policy.putArray("permission_groups");
            groups.addObject().put("id", PermissionGroups.D1_WRITE);
            groups.addObject().put("id", PermissionGroups.KV_WRITE);
            token.policies = policies;
            return token;
        });
    }

    boolean isRuntimeToken(SandboxState.@org.jspecify.annotations.Nullable Token token) {
        return token != null && runtimeTokens.get(token.accountId) == token;
    }

    String now() {
        return iso(clock.millis());
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** The account, or the given error when it does not exist (routes check authorisation first). */
    SandboxState.Account account(String accountId) {
        SandboxState.Account account = state.accounts.get(accountId);
        if (account == null) {
            throw Authz.denied(9109);
        }
        return account;
    }
}
