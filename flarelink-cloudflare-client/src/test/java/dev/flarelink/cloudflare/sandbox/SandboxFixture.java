package dev.flarelink.cloudflare.sandbox;

import java.time.Instant;
import java.util.Set;

/** A started in-memory sandbox with a mutable clock, one account and a token holding all five permissions. */
class SandboxFixture {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final CloudflareSandbox sandbox =
            CloudflareSandbox.builder().clock(clock).build().start();
    final Http api = new Http(sandbox.baseUrl());
    final String accountId = sandbox.createAccount("Acme");
    final SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());

    String accounts(String rest) {
        return "/accounts/" + accountId + rest;
    }

    SandboxToken tokenWith(SandboxPermission... permissions) {
        return sandbox.createToken(accountId, permissions.length == 0 ? Set.of() : Set.of(permissions));
    }
}
