package dev.flarelink.users;

/** Cloudflare refused or failed a read or change of the project's users; the message says what to do. */
public class UsersProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsersProblemException(String message) {
        super(message);
    }
}
