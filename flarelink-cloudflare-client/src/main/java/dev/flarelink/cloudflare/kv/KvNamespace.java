package dev.flarelink.cloudflare.kv;

import org.jspecify.annotations.Nullable;

/**
 * A KV namespace.
 *
 * @param id namespace id
 * @param title title (unique per account)
 * @param supportsUrlEncoding whether URL-encoded keys in paths are decoded before storage
 */
public record KvNamespace(String id, String title, @Nullable Boolean supportsUrlEncoding) {}
