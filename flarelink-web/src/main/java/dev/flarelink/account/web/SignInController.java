package dev.flarelink.account.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Shows the sign-in page; Spring Security handles the POST. */
@Controller
class SignInController {

    private final AccountMail resetMail;

    SignInController(AccountMail resetMail) {
        this.resetMail = resetMail;
    }

    @GetMapping("/signin")
    String showSignInPage(Model model) {
        model.addAttribute("resetAvailable", resetMail.isAvailable());
        return "account/signin";
    }
}
