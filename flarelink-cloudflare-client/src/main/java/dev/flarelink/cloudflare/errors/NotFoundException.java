package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The addressed resource does not exist (HTTP 404 or codes 7404, 10006, 10007, 10009, 10090). */
public class NotFoundException extends CloudflareApiException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        super(status, errors, cfRay);
    }
}
