package dev.flarelink.connect;

import java.util.List;
import java.util.stream.Collectors;

/** Connecting was refused; the message says why and how to fix it. Nothing was stored. */
public class ConnectProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConnectProblemException(String message) {
        super(message);
    }

    static ConnectProblemException missingPermissions(List<Permission> missing) {
        String names = missing.stream().map(Permission::label).collect(Collectors.joining(", "));
        return new ConnectProblemException(
                "The token lacks " + names + ". In Cloudflare, open My Profile → API Tokens, "
                        + "edit the token and add " + (missing.size() == 1 ? "it" : "them")
                        + " (or create a new token with the link on this page), then paste it again. Nothing was saved.");
    }
}
