package dev.flarelink.account.web;

import dev.flarelink.account.ChangePasswordCommand;
import jakarta.validation.constraints.NotBlank;

/** The change-password form on the account page. */
public class ChangePasswordForm {

    @NotBlank(message = "Enter your current password.")
    private String currentPassword = "";

    @NotBlank(message = "Choose a new password of at least 12 characters.")
    private String newPassword = "";

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    ChangePasswordCommand toCommand() {
        return new ChangePasswordCommand(currentPassword, newPassword);
    }

    @Override
    public String toString() {
        return "ChangePasswordForm[<redacted>]";
    }
}
