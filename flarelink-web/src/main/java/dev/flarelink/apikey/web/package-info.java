/** The API keys page of the account menu: create (shown once), list, revoke after confirming. */
@NullMarked
package dev.flarelink.apikey.web;

import org.jspecify.annotations.NullMarked;
