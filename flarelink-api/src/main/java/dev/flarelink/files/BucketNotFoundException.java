package dev.flarelink.files;

import dev.flarelink.shared.NotFoundException;

/** The connection's account has no bucket of that name (or it is not the user's connection: same answer). */
public class BucketNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private BucketNotFoundException(String message) {
        super(message);
    }

    static BucketNotFoundException named(String bucket) {
        return new BucketNotFoundException("No bucket " + bucket);
    }
}
