/**
 * The JSON API under {@code /api/**}: a third surface over the same services as the pages, for scripts, CI and the
 * {@code @flarelink/mcp} server. Authorised only by a personal API key ({@code Authorization: Bearer flk_…}), never
 * by the session cookie, so it needs no CSRF token; errors are always {@code {error, code}}.
 */
@NullMarked
package dev.flarelink.jsonapi;

import org.jspecify.annotations.NullMarked;
