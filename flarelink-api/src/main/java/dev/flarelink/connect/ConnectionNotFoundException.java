package dev.flarelink.connect;

import dev.flarelink.shared.NotFoundException;
import java.util.UUID;

/** No connection with this id belongs to the user (it may belong to someone else: same answer). */
public class ConnectionNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private ConnectionNotFoundException(String message) {
        super(message);
    }

    static ConnectionNotFoundException forId(UUID id) {
        return new ConnectionNotFoundException("No connection " + id);
    }
}
