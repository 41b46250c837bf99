package dev.flarelink.connect.web;

import dev.flarelink.connect.ReplaceTokenCommand;
import org.jspecify.annotations.Nullable;

/** The Replace token form on a connection's page. */
class ReplaceTokenForm {

    private String token = "";

    public String getToken() {
        return token;
    }

    public void setToken(@Nullable String token) {
        this.token = token == null ? "" : token;
    }

    ReplaceTokenCommand toCommand() {
        return new ReplaceTokenCommand(token);
    }

    @Override
    public String toString() {
        return "ReplaceTokenForm[token=<redacted>]";
    }
}
