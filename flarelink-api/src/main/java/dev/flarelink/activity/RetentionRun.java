package dev.flarelink.activity;

import java.util.UUID;

/**
 * What one retention pass removed from one user's chain.
 *
 * @param throughSeq the last removed event; the chain now continues from the checkpoint at this event
 * @param removed how many events were removed
 */
public record RetentionRun(UUID userId, long throughSeq, long removed) {}
