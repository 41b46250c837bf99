package dev.flarelink.shared;

/**
 * Base of every "this object does not exist for you" exception. The web layer answers 404 for all of them, so that
 * another user's object and a missing one look the same.
 */
public abstract class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected NotFoundException(String message) {
        super(message);
    }
}
