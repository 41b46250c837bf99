package dev.flarelink.users;

import org.jspecify.annotations.Nullable;

/**
 * A user Flarelink just created.
 *
 * @param generatedPassword the temporary password Flarelink generated, to be shown once and forgotten; null when the
 *     owner typed one or the user was invited
 * @param invitation what became of the invitation mail, when the user was invited
 */
public record CreatedUser(
        String id,
        @Nullable String generatedPassword,
        @Nullable LinkOutcome invitation) {

    @Override
    public String toString() {
        return "CreatedUser[id=" + id + ", generatedPassword=" + (generatedPassword == null ? "none" : "(redacted)")
                + ", invitation=" + invitation + "]";
    }
}
