package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The token is valid but lacks the permission or scope this call needs (codes 9109, 7403; HTTP 403). */
public class PermissionDeniedException extends CloudflareApiException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        super(status, errors, cfRay);
    }
}
