package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The resource already exists or collides with another one (HTTP 409 or codes 7502, 10014, 10004, 100116, 100117, 10031). */
public class ConflictException extends CloudflareApiException {

    private static final long serialVersionUID = 1L;

    public ConflictException(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        super(status, errors, cfRay);
    }
}
