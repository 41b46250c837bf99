package dev.flarelink.web;

import dev.flarelink.cloudflare.errors.RateLimitException;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import dev.flarelink.shared.NotFoundException;
import dev.flarelink.shared.TokenBudgetMessage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns "not yours or not there" into the 404 page, for every feature: another user's object and a missing one
 * look the same, and nothing about either is shown.
 */
@ControllerAdvice
class GlobalExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        return page;
    }

    /**
     * The token's request budget is spent (Flarelink's own pacing, or Cloudflare's 429 with a long Retry-After): the
     * page answers at once with when to come back instead of holding the request.
     */
    @ExceptionHandler(RateLimitException.class)
    ModelAndView rateLimited(RateLimitException limited, HttpServletResponse response) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.TOO_MANY_REQUESTS);
        page.addObject("status", 429);
        limited.retryAfter()
                .ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        page.addObject(
                "problem",
                limited instanceof TokenBudgetSpentException spent
                        ? TokenBudgetMessage.of(spent)
                        : "Cloudflare is rate limiting this token (1,200 requests per 5 minutes), so nothing was "
                                + "changed. Wait a few minutes, then try again.");
        return page;
    }
}
