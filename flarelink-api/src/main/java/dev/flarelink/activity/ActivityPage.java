package dev.flarelink.activity;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a user's events, newest first.
 *
 * @param events at most {@link #SIZE} events
 * @param next where the next, older page starts, or {@code null} when there is none
 * @param searchedBackTo set when a filter that no single index serves (free text, or several equality filters)
 *     examined its bounded number of events without filling the page: the events back to this instant were
 *     searched, and {@code next} continues from there
 */
public record ActivityPage(
        List<ActivityEventView> events,
        @Nullable ActivityCursor next,
        @Nullable Instant searchedBackTo) {

    /** Events per page. */
    public static final int SIZE = 50;

    public ActivityPage {
        events = List.copyOf(events);
    }
}
