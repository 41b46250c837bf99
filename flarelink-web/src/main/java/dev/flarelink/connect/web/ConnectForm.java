package dev.flarelink.connect.web;

import dev.flarelink.connect.ConnectCommand;
import org.jspecify.annotations.Nullable;

/** The Connect form: a pasted token and, when the token sees several accounts, the chosen one. */
class ConnectForm {

    private String token = "";
    private @Nullable String accountId;

    public String getToken() {
        return token;
    }

    public void setToken(@Nullable String token) {
        this.token = token == null ? "" : token;
    }

    public @Nullable String getAccountId() {
        return accountId;
    }

    public void setAccountId(@Nullable String accountId) {
        this.accountId = accountId;
    }

    ConnectCommand toCommand() {
        return new ConnectCommand(token, accountId);
    }

    /** Drops the token before the form goes back into a page: it is never echoed. */
    void forgetToken() {
        token = "";
    }

    @Override
    public String toString() {
        return "ConnectForm[token=<redacted>, accountId=" + accountId + "]";
    }
}
