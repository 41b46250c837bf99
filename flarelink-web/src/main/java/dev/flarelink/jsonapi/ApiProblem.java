package dev.flarelink.jsonapi;

import org.springframework.http.HttpStatus;

/**
 * A refusal of the JSON API with its status, a stable {@code code} and a sentence that says what was wrong and how
 * to fix it. Thrown by the API's controllers; {@link ApiExceptionAdvice} writes it as {@code {error, code}}.
 */
class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String NO_CONNECTION_MESSAGE =
            "No Cloudflare account is connected. Connect one on the Cloudflare page of the dashboard, then try again.";

    private final HttpStatus status;
    private final String code;

    ApiProblem(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiProblem noConnection() {
        return new ApiProblem(HttpStatus.PRECONDITION_FAILED, "NO_CONNECTION", NO_CONNECTION_MESSAGE);
    }

    static ApiProblem readOnly() {
        return new ApiProblem(HttpStatus.FORBIDDEN, "READ_ONLY_KEY", ApiErrors.READ_ONLY_MESSAGE);
    }

    static ApiProblem badRequest(String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "BAD_REQUEST", message);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
