package dev.flarelink.account;

/** Input for an account change was refused; {@link #field()} names the form field the message belongs next to. */
public class AccountProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    AccountProblemException(String field, String message) {
        super(message);
        this.field = field;
    }

    static AccountProblemException email(String message) {
        return new AccountProblemException("email", message);
    }

    static AccountProblemException password(String message) {
        return new AccountProblemException("password", message);
    }

    static AccountProblemException currentPassword(String message) {
        return new AccountProblemException("currentPassword", message);
    }

    static AccountProblemException newPassword(String message) {
        return new AccountProblemException("newPassword", message);
    }

    public String field() {
        return field;
    }
}
