package dev.flarelink.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Pages anyone may read without signing in: Trust & verification, and the docs. */
@Controller
class PublicPagesController {

    @GetMapping("/trust")
    String showTrust() {
        return "trust";
    }

    @GetMapping("/docs")
    String showDocs() {
        return "docs";
    }
}
