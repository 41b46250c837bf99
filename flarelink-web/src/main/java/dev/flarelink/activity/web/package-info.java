/**
 * The Activity page: the signed-in user's events newest first with filters and keyset pagination, an event's full
 * detail, streamed CSV and JSON Lines exports, and the "Verify integrity" action. Everything is reached through the
 * signed-in user's id; another user's event answers 404.
 */
@NullMarked
package dev.flarelink.activity.web;

import org.jspecify.annotations.NullMarked;
