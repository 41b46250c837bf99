/**
 * The Activity log: every call Flarelink makes with a user's token (one event per HTTP attempt, retries included)
 * and every change made through the dashboard. Events are append-only and hash-chained per user, so a removed,
 * changed or reordered event is detected by {@link dev.flarelink.activity.ActivityService#verify}.
 */
@NullMarked
package dev.flarelink.activity;

import org.jspecify.annotations.NullMarked;
