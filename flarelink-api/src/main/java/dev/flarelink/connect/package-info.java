/**
 * Connections to Cloudflare: the user's API token (encrypted with flarelink-crypto, bound to user, connection and
 * purpose), the account it reaches, and the permission receipt. {@link dev.flarelink.connect.ConnectionService} is
 * the one door to a user's Cloudflare account: every other feature gets its {@code CloudflareApi} from it, so every
 * call is recorded in the Activity log and a revoked token is noticed.
 */
@NullMarked
package dev.flarelink.connect;

import org.jspecify.annotations.NullMarked;
