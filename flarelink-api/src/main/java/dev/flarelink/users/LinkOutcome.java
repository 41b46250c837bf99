package dev.flarelink.users;

/**
 * What became of asking the auth Worker to send a verification or password-reset link.
 *
 * @param message one sentence for the page and the Activity log, never the ticket
 */
public record LinkOutcome(Status status, String message) {

    public enum Status {
        /** The Worker took the ticket and sent the mail. */
        SENT,
        /** Nothing was asked (sandbox mode, pings turned off, no Worker address). */
        SKIPPED,
        /** The Worker refused or could not be reached. */
        FAILED
    }

    public boolean sent() {
        return status == Status.SENT;
    }
}
