package dev.flarelink.cloudflare.errors;

import org.jspecify.annotations.Nullable;

/** Root of every failure the Cloudflare client reports. */
public class CloudflareException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CloudflareException(String message) {
        super(message);
    }

    public CloudflareException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
