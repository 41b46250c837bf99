/**
 * Zone lookup ({@code GET /zones}), used to find the zone of a hostname before attaching a Worker custom domain.
 */
@NullMarked
package dev.flarelink.cloudflare.zones;

import org.jspecify.annotations.NullMarked;
