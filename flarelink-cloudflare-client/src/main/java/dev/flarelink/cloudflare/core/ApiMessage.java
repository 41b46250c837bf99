package dev.flarelink.cloudflare.core;

/**
 * One entry of an envelope's {@code errors[]} or {@code messages[]} array.
 *
 * @param code Cloudflare's numeric code; its meaning depends on which array it came from
 * @param message the human-readable text
 */
public record ApiMessage(int code, String message) {

    public ApiMessage {
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return "[" + code + "] " + message;
    }
}
