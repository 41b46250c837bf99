/**
 * Account audit logs (v2 cursor-based with actor/token filters, and v1 page-based), to link Flarelink's Activity log to Cloudflare's.
 */
@NullMarked
package dev.flarelink.cloudflare.audit;

import org.jspecify.annotations.NullMarked;
