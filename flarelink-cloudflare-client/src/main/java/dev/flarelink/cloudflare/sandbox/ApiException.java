package dev.flarelink.cloudflare.sandbox;

import org.jspecify.annotations.Nullable;

/** A Cloudflare-shaped API failure: HTTP status plus one error code and message for the envelope. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final int code;
    final @Nullable Integer chainCode;
    final @Nullable String chainMessage;

    ApiException(int status, int code, String message) {
        this(status, code, message, null, null);
    }

    private ApiException(
            int status, int code, String message, @Nullable Integer chainCode, @Nullable String chainMessage) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.chainCode = chainCode;
        this.chainMessage = chainMessage;
    }

    static ApiException withChain(int status, int code, String message, int chainCode, String chainMessage) {
        return new ApiException(status, code, message, chainCode, chainMessage);
    }

    static ApiException badRequest(int code, String message) {
        return new ApiException(400, code, message);
    }

    static ApiException notFound(int code, String message) {
        return new ApiException(404, code, message);
    }

    static ApiException conflict(int code, String message) {
        return new ApiException(409, code, message);
    }
}
