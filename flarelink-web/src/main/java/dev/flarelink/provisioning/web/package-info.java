/**
 * The Projects pages: the list, the New project wizard with its plan of every Cloudflare call, the project page
 * with live progress (a small optional script polls a status fragment; a manual refresh shows the same), Retry,
 * Delete, and the one-time display of a new service key.
 */
@NullMarked
package dev.flarelink.provisioning.web;

import org.jspecify.annotations.NullMarked;
