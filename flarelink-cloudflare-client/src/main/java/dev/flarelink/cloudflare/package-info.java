/**
 * A typed, dependency-light client for the Cloudflare REST API v4 (JDK {@code HttpClient} + Jackson 3).
 *
 * <p>{@link dev.flarelink.cloudflare.CloudflareClient} owns one HTTP transport; {@code withToken(ApiToken)} gives a
 * cheap per-token view whose resource accessors cover every endpoint Flarelink uses. Every HTTP attempt is reported
 * to an {@link dev.flarelink.cloudflare.ApiCallListener} without the token or secret-bearing bodies.
 */
@NullMarked
package dev.flarelink.cloudflare;

import org.jspecify.annotations.NullMarked;
