package dev.flarelink.cloudflare.workers;

import org.jspecify.annotations.Nullable;

/**
 * workers.dev enablement of one script.
 *
 * @param enabled whether {@code <script>.<account>.workers.dev} serves the script
 * @param previewsEnabled whether preview URLs are enabled
 */
public record ScriptSubdomain(boolean enabled, @Nullable Boolean previewsEnabled) {}
