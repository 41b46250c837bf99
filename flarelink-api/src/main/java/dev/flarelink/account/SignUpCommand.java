package dev.flarelink.account;

/** What a new user types to create an account. */
public record SignUpCommand(String email, String password) {

    @Override
    public String toString() {
        return "SignUpCommand[email=" + email + ", password=<redacted>]";
    }
}
