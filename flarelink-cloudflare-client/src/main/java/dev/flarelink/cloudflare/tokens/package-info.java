/**
 * Token verification (user and account-owned tokens), the permission-group catalogue and user API token management (create, list, get, roll, delete), used to mint scoped R2 credentials.
 */
@NullMarked
package dev.flarelink.cloudflare.tokens;

import org.jspecify.annotations.NullMarked;
