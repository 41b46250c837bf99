package dev.flarelink.provisioning;

import java.util.UUID;

/** An active Cloudflare connection a new project can be provisioned on. */
public record ConnectionChoice(UUID id, String accountId, String accountName) {}
