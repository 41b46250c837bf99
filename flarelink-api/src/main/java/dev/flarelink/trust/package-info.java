/**
 * Trust and verification: what Flarelink can do with a token and how it keeps it, and how anyone can check that the
 * auth Worker running in their account is the published, reproducible build.
 */
@NullMarked
package dev.flarelink.trust;

import org.jspecify.annotations.NullMarked;
