package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The request was rejected as invalid (HTTP 400 or 422, or a validation code such as D1 7500 or Workers 10021). */
public class BadRequestException extends CloudflareApiException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        super(status, errors, cfRay);
    }
}
