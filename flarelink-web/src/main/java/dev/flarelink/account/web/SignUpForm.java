package dev.flarelink.account.web;

import dev.flarelink.account.SignUpCommand;
import jakarta.validation.constraints.NotBlank;

/** The sign-up form. Detailed rules (length, common passwords) are the account service's, shown next to fields. */
public class SignUpForm {

    @NotBlank(message = "Enter your e-mail address.")
    private String email = "";

    @NotBlank(message = "Choose a password of at least 12 characters.")
    private String password = "";

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    SignUpCommand toCommand() {
        return new SignUpCommand(email, password);
    }

    @Override
    public String toString() {
        return "SignUpForm[email=" + email + "]";
    }
}
