package dev.flarelink.web;

import dev.flarelink.trust.TrustFacts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Pages anyone may read without signing in: Trust & verification, and the docs. */
@Controller
class PublicPagesController {

    private final TrustFacts trust;

    PublicPagesController(TrustFacts trust) {
        this.trust = trust;
    }

    @GetMapping("/trust")
    String showTrust(Model model) {
        model.addAttribute("trust", trust);
        return "trust";
    }

    @GetMapping("/docs")
    String showDocs() {
        return "docs";
    }
}
