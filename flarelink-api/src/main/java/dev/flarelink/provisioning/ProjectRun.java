package dev.flarelink.provisioning;

import java.util.UUID;

/** A run of one of the user's projects, with the ids a script follows it by. */
public record ProjectRun(UUID runId, UUID projectId, RunView run) {}
