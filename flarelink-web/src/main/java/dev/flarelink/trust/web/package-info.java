/**
 * Trust pages: the public Trust page, per-project "Verify now" with the drift banner, "Leave cleanly", and the docs
 * served from the Markdown in {@code docs/} (with {@code /llms.txt}, {@code /llms-full.txt} and {@code /changelog}).
 */
@NullMarked
package dev.flarelink.trust.web;

import org.jspecify.annotations.NullMarked;
