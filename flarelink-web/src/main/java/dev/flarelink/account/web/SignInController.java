package dev.flarelink.account.web;

import dev.flarelink.config.KeepAttemptedEmail;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Shows the sign-in page; Spring Security handles the POST. */
@Controller
class SignInController {

    @GetMapping("/signin")
    String showSignInPage(HttpServletRequest request, Model model) {
        // A wrong password keeps the e-mail typed, so only the password is typed again.
        String attempted = KeepAttemptedEmail.take(request);
        if (attempted != null || !model.containsAttribute("email")) {
            // Sign-up's flash attribute (the address just registered) stays when there is no attempt to keep.
            model.addAttribute("email", attempted);
        }
        // The message a refused sign-in shows, which the fields point at (aria-describedby).
        String problem = request.getParameter("error") != null
                ? "signin-error"
                : request.getParameter("throttled") != null ? "signin-throttled" : null;
        model.addAttribute("problem", problem);
        model.addAttribute("wrongPassword", request.getParameter("error") != null);
        return "account/signin";
    }
}
