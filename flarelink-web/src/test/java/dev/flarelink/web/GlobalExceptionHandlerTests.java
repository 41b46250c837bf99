package dev.flarelink.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.RateLimit;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** A page whose Cloudflare call finds the token's budget spent, and that does not handle it itself. */
class GlobalExceptionHandlerTests {

    @Test
    void aSpentBudgetAnswers429WithRetryAfterAndWhenItFreesUp() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView page = new GlobalExceptionHandler()
                .rateLimited(
                        new TokenBudgetSpentException(RateLimit.CLOUDFLARE_DEFAULT, Duration.ofMillis(41_200)),
                        response);

        assertThat(page.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(page.getViewName()).isEqualTo("error");
        assertThat(response.getHeader("Retry-After")).isEqualTo("42");
        assertThat((String) page.getModel().get("problem"))
                .isEqualTo("Flarelink has used this token's budget of 1,200 Cloudflare requests per 5 minutes, so this "
                        + "page did not call Cloudflare and nothing was changed. The budget frees up in about 42 "
                        + "seconds: try again then.");
    }
}
