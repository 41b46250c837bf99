package dev.flarelink.provisioning;

import dev.flarelink.shared.NotFoundException;
import java.util.UUID;

/** No run with this id belongs to one of the user's projects (another user's run: same answer). */
public class RunNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private RunNotFoundException(String message) {
        super(message);
    }

    static RunNotFoundException forId(UUID id) {
        return new RunNotFoundException("No run " + id);
    }
}
