/**
 * The client's unchecked exception hierarchy, rooted at {@link dev.flarelink.cloudflare.errors.CloudflareException}.
 *
 * <p>API errors are classified by Cloudflare's {@code errors[].code} first and the HTTP status second, because
 * Cloudflare reports the same logical error with different statuses on different endpoints. Messages carry the
 * status and {@code cf-ray} id but never the token.
 */
@NullMarked
package dev.flarelink.cloudflare.errors;

import org.jspecify.annotations.NullMarked;
