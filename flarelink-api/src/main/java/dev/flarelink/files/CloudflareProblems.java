package dev.flarelink.files;

import dev.flarelink.cloudflare.errors.AuthenticationException;
import dev.flarelink.cloudflare.errors.CloudflareApiException;
import dev.flarelink.cloudflare.errors.CloudflareConnectionException;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.PermissionDeniedException;
import dev.flarelink.cloudflare.errors.RateLimitException;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import dev.flarelink.shared.TokenBudgetMessage;

/** Turns a Cloudflare failure into a sentence for the page (codes, never request bodies or tokens). */
public final class CloudflareProblems {

    private CloudflareProblems() {}

    /** One sentence for the page; never a token, body or header. */
    public static String explain(CloudflareException e) {
        if (e instanceof AuthenticationException || e instanceof PermissionDeniedException) {
            return "Cloudflare refused: the connected token lacks Workers R2 Storage: Edit on this account. "
                    + "Edit the token in Cloudflare, then reconnect.";
        }
        if (e instanceof TokenBudgetSpentException spent) {
            return TokenBudgetMessage.of(spent);
        }
        if (e instanceof RateLimitException) {
            return "Cloudflare is rate limiting this token; wait a minute and try again.";
        }
        if (e instanceof CloudflareConnectionException) {
            return "Cloudflare could not be reached; try again in a moment.";
        }
        if (e instanceof CloudflareApiException api) {
            return "Cloudflare answered HTTP " + api.status() + " (codes " + api.codes() + "). Nothing was changed.";
        }
        return "Cloudflare's answer could not be read; try again in a moment.";
    }
}
