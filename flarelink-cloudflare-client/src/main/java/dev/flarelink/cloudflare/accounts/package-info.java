/**
 * Accounts visible to a token ({@code GET /accounts}); the account id is the first path segment of most other resources.
 */
@NullMarked
package dev.flarelink.cloudflare.accounts;

import org.jspecify.annotations.NullMarked;
