package dev.flarelink.provisioning;

/**
 * What became of asking the auth Worker to reload its configuration. Never a failure of the change itself: the
 * change is in D1 either way, and the Worker reads it within 60 seconds at the latest.
 *
 * @param message one sentence for the page and the Activity log
 */
public record ReloadOutcome(Status status, String message) {

    public enum Status {
        /** The Worker answered and reloaded: the change is live. */
        RELOADED,
        /** Nothing was pinged (sandbox mode, or no Worker URL yet). */
        SKIPPED,
        /** The Worker could not be reached or refused; the change arrives with its 60 s cache. */
        FAILED
    }

    public boolean reloaded() {
        return status == Status.RELOADED;
    }
}
