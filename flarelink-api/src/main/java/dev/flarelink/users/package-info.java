/**
 * Authentication → Users: the users of the app that runs its sign-in on a project's auth Worker, read and managed
 * through the owner's Cloudflare token (D1 for users, accounts, events and tickets; KV for sessions). Flarelink never
 * holds the Worker's service key: links are sent by the Worker against one-time tickets written into D1.
 */
@NullMarked
package dev.flarelink.users;

import org.jspecify.annotations.NullMarked;
