package testsupport;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A route that fails with an unexpected exception, for the error-page tests. Outside {@code dev.flarelink} so that
 * component scanning never adds it to the app; tests {@code @Import} it.
 */
@Controller
public class FailingController {

    @GetMapping("/test-only/fail")
    String fail() {
        throw new IllegalStateException("secret-internal-detail-that-must-not-show");
    }
}
