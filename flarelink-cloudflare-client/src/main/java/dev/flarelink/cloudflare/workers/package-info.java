/**
 * Worker scripts (module upload with bindings as hand-built multipart, list, download, delete), workers.dev enablement and custom domains.
 */
@NullMarked
package dev.flarelink.cloudflare.workers;

import org.jspecify.annotations.NullMarked;
