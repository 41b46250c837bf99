package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Cloudflare failed internally (HTTP 5xx); such calls are retried when safe. */
public class ServerErrorException extends CloudflareApiException {

    private static final long serialVersionUID = 1L;

    public ServerErrorException(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        super(status, errors, cfRay);
    }
}
