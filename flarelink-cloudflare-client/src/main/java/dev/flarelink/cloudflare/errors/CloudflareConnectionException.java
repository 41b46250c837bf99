package dev.flarelink.cloudflare.errors;

import org.jspecify.annotations.Nullable;

/** The request could not be completed at the network level: connect failure, reset, timeout or interruption. */
public class CloudflareConnectionException extends CloudflareException {

    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    public CloudflareConnectionException(String message, boolean timeout, @Nullable Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the attempt ran out of time (as opposed to a refused or broken connection). */
    public boolean isTimeout() {
        return timeout;
    }
}
