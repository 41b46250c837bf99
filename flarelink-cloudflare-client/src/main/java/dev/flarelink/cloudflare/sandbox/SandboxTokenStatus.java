package dev.flarelink.cloudflare.sandbox;

/** The state a seeded token starts in: usable, disabled by its owner, or past its expiry. */
public enum SandboxTokenStatus {
    ACTIVE,
    DISABLED,
    EXPIRED
}
