package dev.flarelink.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * One step of a run as shown on the project page.
 *
 * @param status {@code pending}, {@code running}, {@code done}, {@code failed}, {@code rolled_back} or
 *     {@code skipped}
 * @param remoteId the Cloudflare id the step made or found
 * @param adopted found by name after an earlier attempt's answer was lost, rather than created now
 * @param error why the step failed, in plain words; for a step skipped while the run went on (a configuration
 *     backfill that could not be done), why and what to do instead
 */
public record StepView(
        String name,
        String label,
        String status,
        @Nullable String remoteId,
        boolean adopted,
        @Nullable String error) {}
