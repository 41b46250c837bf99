package dev.flarelink.account;

/** Too many sign-ups from one client address within the hour; nothing was created. */
public class SignUpThrottledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SignUpThrottledException() {
        super("Too many accounts were created from your network in the last hour. Try again in an hour.");
    }
}
