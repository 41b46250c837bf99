package dev.flarelink.cloudflare.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/** The shared parts every route family needs: state, clock, authorisation, storage, D1 engine and switches. */
final class SandboxContext {

    final ReentrantLock lock = new ReentrantLock();
    final Clock clock;
    final StateStore store;
    final SandboxSwitches switches;
    final RateLimiter rateLimiter;
    final D1Engine d1;
    SandboxState state;
    Authz authz;

    SandboxContext(Clock clock, StateStore store, SandboxSwitches switches) {
        this.clock = clock;
        this.store = store;
        this.switches = switches;
        this.rateLimiter = new RateLimiter(clock);
        this.state = store.load();
        this.authz = new Authz(state, clock);
        this.d1 = new D1Engine(store);
    }

    void replaceState(SandboxState fresh) {
        this.state = fresh;
        this.authz = new Authz(fresh, clock);
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
