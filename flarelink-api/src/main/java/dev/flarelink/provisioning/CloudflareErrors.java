package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.core.ApiMessage;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.CloudflareConnectionException;
import dev.flarelink.cloudflare.errors.CloudflareInvalidResponseException;
import dev.flarelink.cloudflare.errors.ConflictException;
import dev.flarelink.cloudflare.errors.PermissionDeniedException;
import dev.flarelink.cloudflare.errors.RateLimitException;
import dev.flarelink.cloudflare.errors.ServerErrorException;
import dev.flarelink.connect.ConnectionRevokedException;
import java.util.stream.Collectors;

/**
 * Turns what went wrong in a step into a plain sentence naming the cause and the fix. Cloudflare's own messages
 * are included where they help; they never contain the token (the client redacts an echoed one).
 */
final class CloudflareErrors {

    private CloudflareErrors() {}

    static String explain(Throwable failure, Step step) {
        if (failure instanceof StepProblemException || failure instanceof ConnectionRevokedException) {
            return failure.getMessage();
        }
        if (failure instanceof CloudflareApiException api) {
            return explainApi(api, step) + " (" + reference(api) + ")";
        }
        if (failure instanceof CloudflareConnectionException connection) {
            return (connection.isTimeout()
                            ? "Cloudflare did not answer in time"
                            : "Flarelink could not reach Cloudflare")
                    + ". This is usually temporary: Retry in a minute.";
        }
        if (failure instanceof CloudflareInvalidResponseException) {
            return "Cloudflare answered with something that is not its API (a challenge or error page). Retry in a "
                    + "minute.";
        }
        return "An unexpected error stopped this step (" + failure.getClass().getSimpleName() + "). Retry; if it "
                + "happens again, the server log has the details.";
    }

    private static String explainApi(CloudflareApiException api, Step step) {
        String permission = step.calls(ProjectSpecs.PLACEHOLDER, "{account_id}").stream()
                .map(PlannedCall::permissionLabel)
                .distinct()
                .collect(Collectors.joining(" and "));
        if (api instanceof PermissionDeniedException || api instanceof AuthenticationException) {
            return "Cloudflare refused this call: the token lacks the permission " + permission + ". Edit the token "
                    + "in Cloudflare to add it, then Retry.";
        }
        if (api instanceof RateLimitException) {
            return "Cloudflare's rate limit (1,200 requests per 5 minutes per token) was reached and did not clear "
                    + "in time. Wait five minutes, then Retry.";
        }
        if (api.hasCode(7406)) {
            return "Your account has reached its limit of D1 databases. Delete one you no longer use in Cloudflare, "
                    + "then Retry.";
        }
        if (api instanceof ConflictException) {
            return "A resource with this name already exists in your account: " + messages(api)
                    + ". Delete or rename it in Cloudflare, or choose another project name.";
        }
        if (api instanceof ServerErrorException) {
            return "Cloudflare had an internal error (HTTP " + api.status() + "). This is usually temporary: Retry.";
        }
        return "Cloudflare rejected the request: " + messages(api) + ".";
    }

    private static String messages(CloudflareApiException api) {
        if (api.errors().isEmpty()) {
            return "HTTP " + api.status();
        }
        return api.errors().stream().map(ApiMessage::message).collect(Collectors.joining("; "));
    }

    private static String reference(CloudflareApiException api) {
        String codes = api.codes().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "HTTP " + api.status() + (codes.isEmpty() ? "" : ", code " + codes)
                + (api.cfRay() == null ? "" : ", ray " + api.cfRay());
    }
}
