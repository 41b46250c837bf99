package dev.flarelink.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The public landing page. */
@Controller
class HomeController {

    @GetMapping("/")
    String showLandingPage() {
        return "index";
    }
}
