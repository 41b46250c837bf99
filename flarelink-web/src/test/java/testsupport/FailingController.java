package testsupport;

import java.util.stream.IntStream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Routes that fail with an unexpected exception, in the controller or halfway through rendering the page, for the
 * error-page tests. Outside {@code dev.flarelink} so that component scanning never adds it to the app; tests
 * {@code @Import} it.
 */
@Controller
public class FailingController {

    @GetMapping("/test-only/fail")
    String fail() {
        throw new IllegalStateException("secret-internal-detail-that-must-not-show");
    }

    /**
     * A test-only page (templates/test-only/fail-late.html) that writes more than Tomcat's 8 KB response buffer, then
     * fails at the problem's text.
     */
    @GetMapping("/test-only/fail-while-rendering")
    String failWhileRendering(Model model) {
        model.addAttribute(
                "lines",
                IntStream.range(0, 400)
                        .mapToObj(n -> "written before the failure, line " + n)
                        .toList());
        model.addAttribute("problem", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("secret-internal-detail-that-must-not-show");
            }
        });
        return "test-only/fail-late";
    }
}
