/**
 * Workers KV namespaces, key listing (cursor-based) and raw value read, write (with TTL) and delete.
 */
@NullMarked
package dev.flarelink.cloudflare.kv;

import org.jspecify.annotations.NullMarked;
