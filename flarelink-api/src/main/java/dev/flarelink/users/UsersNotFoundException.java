package dev.flarelink.users;

import dev.flarelink.shared.NotFoundException;
import java.util.UUID;

/** No such project of the signed-in owner, or no such user in it (another owner's: the same answer, 404). */
public class UsersNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private UsersNotFoundException(String message) {
        super(message);
    }

    static UsersNotFoundException project(UUID projectId) {
        return new UsersNotFoundException("No active project " + projectId);
    }

    static UsersNotFoundException user() {
        return new UsersNotFoundException("No such user in this project");
    }
}
