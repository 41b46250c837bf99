package dev.flarelink.cloudflare.errors;

import org.jspecify.annotations.Nullable;

/**
 * Cloudflare answered with something that is not the documented envelope: an HTML error or challenge page,
 * truncated or malformed JSON.
 */
public class CloudflareInvalidResponseException extends CloudflareException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final @Nullable String cfRay;

    public CloudflareInvalidResponseException(
            String detail, int status, @Nullable String cfRay, @Nullable Throwable cause) {
        super(
                "Invalid Cloudflare response (HTTP " + status + ", cf-ray " + (cfRay == null ? "none" : cfRay) + "): "
                        + detail,
                cause);
        this.status = status;
        this.cfRay = cfRay;
    }

    /** HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The {@code cf-ray} response header, if present. */
    public @Nullable String cfRay() {
        return cfRay;
    }
}
