package dev.flarelink.provisioning;

import dev.flarelink.shared.NotFoundException;
import java.util.UUID;

/** No project with this id belongs to the user (it may belong to someone else: same answer). */
public class ProjectNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private ProjectNotFoundException(String message) {
        super(message);
    }

    static ProjectNotFoundException forId(UUID id) {
        return new ProjectNotFoundException("No project " + id);
    }
}
