/**
 * The Connect pages: paste a Cloudflare API token, choose the account, read the permission receipt, and later check
 * the connection again, replace its token or disconnect. Also the banner every signed-in page shows when Cloudflare no
 * longer accepts a connection's token. Pasted tokens are never written back into a page.
 */
@NullMarked
package dev.flarelink.connect.web;

import org.jspecify.annotations.NullMarked;
