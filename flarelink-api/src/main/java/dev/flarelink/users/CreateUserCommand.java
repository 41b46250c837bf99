package dev.flarelink.users;

import org.jspecify.annotations.Nullable;

/**
 * A user to create in a project.
 *
 * @param password a temporary password to set; blank to have Flarelink generate one (shown once), ignored when
 *     {@code invite} is set
 * @param invite create the user without a password and have the Worker mail a link to choose one (needs e-mail)
 */
public record CreateUserCommand(
        String email, String name, @Nullable String password, boolean invite) {

    @Override
    public String toString() {
        return "CreateUserCommand[name=" + name + ", invite=" + invite + ", password=(redacted)]";
    }
}
