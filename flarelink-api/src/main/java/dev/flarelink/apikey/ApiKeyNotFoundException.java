package dev.flarelink.apikey;

import dev.flarelink.shared.NotFoundException;
import java.util.UUID;

/** No key with this id belongs to the user (it may be someone else's: same answer). */
public class ApiKeyNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private ApiKeyNotFoundException(String message) {
        super(message);
    }

    static ApiKeyNotFoundException forId(UUID id) {
        return new ApiKeyNotFoundException("No API key " + id);
    }
}
