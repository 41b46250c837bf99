/**
 * Files: the R2 buckets of a user's Cloudflare connections, their CORS rules (described in plain words, a one-step
 * "allow uploads from my app" rule, an editor that refuses invalid origins and a live preflight check against the S3
 * endpoint) and R2 keys (minted one click as bucket-scoped Cloudflare tokens, or pasted and tested). Every call goes
 * through {@link dev.flarelink.connect.ConnectionService#open}, so it is owned by the user and recorded in the
 * Activity log. Key secrets are shown once and never stored.
 */
@NullMarked
package dev.flarelink.files;

import org.jspecify.annotations.NullMarked;
