package dev.flarelink.account;

/** Too many sign-in attempts failed recently; the password was not checked. */
public class SignInThrottledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SignInThrottledException() {
        super("Too many failed sign-in attempts. Wait 15 minutes and try again.");
    }
}
