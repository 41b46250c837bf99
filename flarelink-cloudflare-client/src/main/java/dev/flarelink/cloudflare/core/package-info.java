/**
 * The client's transport core: request description, envelope parsing, retries, the per-token rate limiter,
 * pagination and multipart encoding.
 *
 * <p>Types here are public so that the resource packages can use them; applications normally only touch
 * {@link dev.flarelink.cloudflare.core.Page}, {@link dev.flarelink.cloudflare.core.PageRequest},
 * {@link dev.flarelink.cloudflare.core.ApiMessage} and {@link dev.flarelink.cloudflare.core.Sleeper}.
 */
@NullMarked
package dev.flarelink.cloudflare.core;

import org.jspecify.annotations.NullMarked;
