package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The token was not accepted: unknown, malformed, revoked or expired (codes 1000, 6003, 6111, 9106, 10000; HTTP 400, 401 or 403). */
public class AuthenticationException extends CloudflareApiException {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        super(status, errors, cfRay);
    }
}
