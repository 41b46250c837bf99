package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Cloudflare answered with an error envelope; carries the HTTP status, the {@code errors[]} and the cf-ray id. */
public class CloudflareApiException extends CloudflareException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<ApiMessage> errors;
    private final @Nullable String cfRay;

    public CloudflareApiException(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        super(describe(status, errors, cfRay));
        this.status = status;
        this.errors = List.copyOf(errors);
        this.cfRay = cfRay;
    }

    private static String describe(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        String detail = errors.isEmpty()
                ? "no error details"
                : errors.stream().map(ApiMessage::toString).collect(Collectors.joining("; "));
        return "Cloudflare API error (HTTP " + status + ", cf-ray " + (cfRay == null ? "none" : cfRay) + "): " + detail;
    }

    /** HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The envelope's {@code errors[]}. */
    public List<ApiMessage> errors() {
        return errors;
    }

    /** The {@code cf-ray} response header, if present. */
    public @Nullable String cfRay() {
        return cfRay;
    }

    /** Whether any entry of {@code errors[]} has this code. */
    public boolean hasCode(int code) {
        return errors.stream().anyMatch(e -> e.code() == code);
    }

    /** The codes of {@code errors[]}, in order. */
    public List<Integer> codes() {
        return errors.stream().map(ApiMessage::code).toList();
    }
}
