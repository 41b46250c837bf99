package dev.flarelink.account;

/** A signed-in user's request to replace their password. */
public record ChangePasswordCommand(String currentPassword, String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordCommand[<redacted>]";
    }
}
