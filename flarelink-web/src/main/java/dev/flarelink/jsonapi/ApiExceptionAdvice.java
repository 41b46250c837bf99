package dev.flarelink.jsonapi;

import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.RateLimitException;
import dev.flarelink.connect.ConnectionRevokedException;
import dev.flarelink.d1.DatabaseProblemException;
import dev.flarelink.provisioning.ProjectInputException;
import dev.flarelink.provisioning.ProjectStateException;
import dev.flarelink.shared.NotFoundException;
import dev.flarelink.users.UserInputException;
import dev.flarelink.users.UsersProblemException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every refusal of the JSON API as {@code {error, code}}: a stable code for scripts, a sentence for people. Another
 * user's object and a missing one are the same 404, as on the pages.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Map<String, Object>> problem(ApiProblem problem) {
        return answer(problem.status(), problem.code(), String.valueOf(problem.getMessage()));
    }

    @ExceptionHandler({NotFoundException.class, dev.flarelink.cloudflare.errors.NotFoundException.class})
    ResponseEntity<Map<String, Object>> notFound() {
        return answer(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found: there is no such object among yours.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> malformedId() {
        return answer(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found: that id is not one of yours.");
    }

    @ExceptionHandler(DatabaseProblemException.class)
    ResponseEntity<Map<String, Object>> database(DatabaseProblemException problem) {
        // A spent token budget reaches the API as the database's sentence; it is still a rate limit, not bad SQL.
        if (problem.getCause() instanceof RateLimitException limited) {
            return cloudflareRateLimited(limited);
        }
        return answer(HttpStatus.BAD_REQUEST, "D1_ERROR", String.valueOf(problem.getMessage()));
    }

    @ExceptionHandler(ConnectionRevokedException.class)
    ResponseEntity<Map<String, Object>> revoked() {
        return answer(
                HttpStatus.CONFLICT,
                "CONNECTION_REVOKED",
                "Cloudflare no longer accepts this connection's token (revoked or expired). Connect the account "
                        + "again with a new token.");
    }

    /** Cloudflare is rate limiting the connection's token: the script waits, as a person on the pages would. */
    @ExceptionHandler(RateLimitException.class)
    ResponseEntity<Map<String, Object>> cloudflareRateLimited(RateLimitException limited) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS);
        limited.retryAfter()
                .ifPresent(wait -> answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        return answer.body(ApiErrors.body(
                "Cloudflare is rate limiting this account's token (1,200 requests per 5 minutes), so nothing was "
                        + "changed. Wait (Retry-After when given), then try again.",
                "CLOUDFLARE_RATE_LIMITED",
                null));
    }

    /** Any other refusal or failure of Cloudflare that a service did not turn into a sentence of its own. */
    @ExceptionHandler(CloudflareException.class)
    ResponseEntity<Map<String, Object>> cloudflare(CloudflareException failure) {
        return answer(
                HttpStatus.BAD_GATEWAY,
                "CLOUDFLARE_ERROR",
                "Cloudflare did not do what was asked ("
                        + failure.getClass().getSimpleName().replace("Exception", "")
                        + "). Check the connection's token and its permissions on the Cloudflare page, then try again.");
    }

    @ExceptionHandler(ProjectInputException.class)
    ResponseEntity<Map<String, Object>> projectInput(ProjectInputException problem) {
        String first = problem.fieldErrors().values().stream().findFirst().orElse("The project input is not valid.");
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(ApiErrors.body(first, "VALIDATION", Map.of("fields", problem.fieldErrors())));
    }

    @ExceptionHandler(UserInputException.class)
    ResponseEntity<Map<String, Object>> userInput(UserInputException problem) {
        String first = problem.fieldErrors().values().stream().findFirst().orElse("The input is not valid.");
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(ApiErrors.body(first, "VALIDATION", Map.of("fields", problem.fieldErrors())));
    }

    @ExceptionHandler(UsersProblemException.class)
    ResponseEntity<Map<String, Object>> usersProblem(UsersProblemException problem) {
        return answer(HttpStatus.CONFLICT, "USERS_PROBLEM", String.valueOf(problem.getMessage()));
    }

    @ExceptionHandler(ProjectStateException.class)
    ResponseEntity<Map<String, Object>> projectState(ProjectStateException problem) {
        return answer(HttpStatus.CONFLICT, "PROJECT_BUSY", String.valueOf(problem.getMessage()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> unreadable() {
        return answer(
                HttpStatus.BAD_REQUEST,
                "INVALID_JSON",
                "The request body is not the JSON this route takes. See /api/openapi.json for its shape.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType() {
        return answer(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "UNSUPPORTED_MEDIA_TYPE",
                "Send the body as JSON with \"Content-Type: application/json\".");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception failure) {
        // The class only: a message could carry user data.
        log.error("Unexpected failure in the JSON API: {}", failure.getClass().getName(), failure);
        return answer(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL",
                "Something went wrong on our side; nothing you sent was shown or kept in the error. Try again.");
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, String error) {
        return ResponseEntity.status(status).body(ApiErrors.body(error, code, null));
    }
}
