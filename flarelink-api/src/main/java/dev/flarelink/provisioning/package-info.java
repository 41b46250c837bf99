/**
 * Projects: an auth backend (the auth Worker, its D1 database, a KV namespace for sessions and optionally an R2
 * bucket) provisioned into the user's own Cloudflare account through their connection. A provisioning, teardown or
 * redeploy is a persisted run of steps, claimed through the database so that exactly one node works on it, executed
 * in the background with independent steps in parallel, resumed after a crash and rolled back on failure.
 * {@link dev.flarelink.provisioning.ProvisioningService} is the feature's facade.
 */
@NullMarked
package dev.flarelink.provisioning;

import org.jspecify.annotations.NullMarked;
