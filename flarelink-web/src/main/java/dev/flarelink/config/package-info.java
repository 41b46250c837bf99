/** Wiring of the dashboard: security, the database (embedded or external), and typed properties. */
@NullMarked
package dev.flarelink.config;

import org.jspecify.annotations.NullMarked;
