package dev.flarelink.cloudflare;

/**
 * Observes every HTTP attempt the client makes (retries included); the Activity log is built on it.
 *
 * <p>Listeners run on the calling thread and must be fast; an exception thrown by a listener is swallowed so that
 * observation never changes the outcome of a call.
 */
@FunctionalInterface
public interface ApiCallListener {

    /** A listener that ignores every event. */
    ApiCallListener NONE = event -> {};

    /** Called once per HTTP attempt, after it finished (successfully or not). */
    void onAttempt(ApiCallEvent event);
}
