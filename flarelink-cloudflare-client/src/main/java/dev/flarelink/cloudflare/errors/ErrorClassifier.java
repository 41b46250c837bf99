package dev.flarelink.cloudflare.errors;

import dev.flarelink.cloudflare.core.ApiMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps an error response to the exception hierarchy, by {@code errors[].code} first and HTTP status second.
 *
 * <p>Cloudflare reports the same logical error with 400, 401 or 403 depending on the endpoint (reference §1.3, P25)
 * and uses 400 for duplicate KV titles, so the status alone is not enough.
 */
public final class ErrorClassifier {

    private static final int RATE_LIMITED = 971;
    private static final Set<Integer> AUTHENTICATION = Set.of(1000, 6003, 6111, 9106, 10000);
    private static final Set<Integer> PERMISSION = Set.of(9109, 7403);
    private static final Set<Integer> NOT_FOUND = Set.of(7404, 10006, 10007, 10009, 10090);
    private static final Set<Integer> CONFLICT = Set.of(7502, 10014, 10004, 100116, 100117, 10031);

    private ErrorClassifier() {}

    /** Builds the exception for an error envelope (or an empty error list when the body had none). */
    public static CloudflareApiException classify(
            int status, List<ApiMessage> errors, @Nullable String cfRay, @Nullable Duration retryAfter) {
        if (status == 429 || hasAny(errors, Set.of(RATE_LIMITED))) {
            return new RateLimitException(status, errors, cfRay, retryAfter);
        }
        if (status >= 500) {
            // Transient D1 7500s come as 500; a server error stays a server error whatever the code.
            return new ServerErrorException(status, errors, cfRay);
        }
        CloudflareApiException byCode = byCode(status, errors, cfRay);
        return byCode != null ? byCode : byStatus(status, errors, cfRay);
    }

    private static @Nullable CloudflareApiException byCode(
            int status, List<ApiMessage> errors, @Nullable String cfRay) {
        if (hasAny(errors, AUTHENTICATION)) {
            return new AuthenticationException(status, errors, cfRay);
        }
        if (hasAny(errors, PERMISSION)) {
            return new PermissionDeniedException(status, errors, cfRay);
        }
        if (hasAny(errors, NOT_FOUND)) {
            return new NotFoundException(status, errors, cfRay);
        }
        if (hasAny(errors, CONFLICT)) {
            return new ConflictException(status, errors, cfRay);
        }
        return null;
    }

    private static CloudflareApiException byStatus(int status, List<ApiMessage> errors, @Nullable String cfRay) {
        return switch (status) {
            case 400, 422 -> new BadRequestException(status, errors, cfRay);
            case 401 -> new AuthenticationException(status, errors, cfRay);
            case 403 -> new PermissionDeniedException(status, errors, cfRay);
            case 404 -> new NotFoundException(status, errors, cfRay);
            case 409 -> new ConflictException(status, errors, cfRay);
            default ->
                status >= 400 && status < 500
                        ? new BadRequestException(status, errors, cfRay)
                        : new CloudflareApiException(status, errors, cfRay);
        };
    }

    private static boolean hasAny(List<ApiMessage> errors, Set<Integer> codes) {
        return errors.stream().anyMatch(e -> codes.contains(e.code()));
    }
}
