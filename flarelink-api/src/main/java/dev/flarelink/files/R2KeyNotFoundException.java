package dev.flarelink.files;

import dev.flarelink.shared.NotFoundException;
import java.util.UUID;

/** No R2 key with this id belongs to the user. */
public class R2KeyNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private R2KeyNotFoundException(String message) {
        super(message);
    }

    static R2KeyNotFoundException forId(UUID id) {
        return new R2KeyNotFoundException("No R2 key " + id);
    }
}
