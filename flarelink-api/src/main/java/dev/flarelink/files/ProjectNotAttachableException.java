package dev.flarelink.files;

import dev.flarelink.shared.NotFoundException;

/** No live project of the user's on that connection has this id (or it is another user's: same answer). */
public class ProjectNotAttachableException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private ProjectNotAttachableException(String message) {
        super(message);
    }

    static ProjectNotAttachableException forId(java.util.UUID id) {
        return new ProjectNotAttachableException("No project " + id);
    }
}
