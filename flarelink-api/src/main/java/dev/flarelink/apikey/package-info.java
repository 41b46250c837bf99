/**
 * Personal API keys ({@code flk_…}) that authorise the {@code /api/**} JSON surface: created with a name, a scope and
 * an optional expiry, shown once, kept only as a SHA-256, revoked at once; the per-key request window of the rate
 * limit; and the active project a key's user picks for routes that name none.
 */
@NullMarked
package dev.flarelink.apikey;

import org.jspecify.annotations.NullMarked;
