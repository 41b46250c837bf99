package dev.flarelink.files;

import dev.flarelink.provisioning.ReloadOutcome;

/** A keypair written into a project's {@code flarelink_config}: which project, and whether its Worker reloaded. */
public record StoredKey(String projectName, ReloadOutcome reload) {}
