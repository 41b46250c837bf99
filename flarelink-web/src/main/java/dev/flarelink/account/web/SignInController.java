package dev.flarelink.account.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Shows the sign-in page; Spring Security handles the POST. */
@Controller
class SignInController {

    @GetMapping("/signin")
    String showSignInPage() {
        return "account/signin";
    }
}
