package dev.flarelink.account.web;

import java.io.Serializable;
import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The principal of a signed-in session: the account id every owned object is reached through, and the e-mail to
 * show. Stored in the HTTP session (PostgreSQL), so it holds nothing secret.
 */
public record SignedInUser(UUID id, String email) implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return email;
    }
}
