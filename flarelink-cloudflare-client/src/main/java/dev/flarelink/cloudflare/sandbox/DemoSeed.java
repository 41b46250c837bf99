package dev.flarelink.cloudflare.sandbox;

/**
 * What {@link CloudflareSandbox#seedDemo()} created: the demo account, a token with all five Flarelink
 * permissions, and one with every permission except User → API Tokens: Edit.
 */
public record DemoSeed(String accountId, String accountName, SandboxToken fullToken, SandboxToken limitedToken) {}
