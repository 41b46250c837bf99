package testsupport;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Routes that fail with an unexpected exception, in the controller or halfway through rendering the page, for the
 * error-page tests. Outside {@code dev.flarelink} so that
 * component scanning never adds it to the app; tests {@code @Import} it.
 */
@Controller
public class FailingController {

    @GetMapping("/test-only/fail")
    String fail() {
        throw new IllegalStateException("secret-internal-detail-that-must-not-show");
    }

    /** The error page for status 429 writes its layout, then fails at the problem's text. */
    @GetMapping("/test-only/fail-while-rendering")
    String failWhileRendering(Model model) {
        model.addAttribute("status", 429);
        model.addAttribute("problem", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("secret-internal-detail-that-must-not-show");
            }
        });
        return "error";
    }
}
