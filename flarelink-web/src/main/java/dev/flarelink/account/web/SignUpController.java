package dev.flarelink.account.web;

import dev.flarelink.account.AccountProblemException;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.EmailAddress;
import dev.flarelink.account.SignUpThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creates an account. The answer is the same whether or not the address already had one (so the page does not tell
 * who has an account): the sign-in page, with the address filled in and a note to sign in with it.
 */
@Controller
class SignUpController {

    private final AccountService accounts;

    SignUpController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/signup")
    String showSignUpPage(@ModelAttribute("form") SignUpForm form) {
        return "account/signup";
    }

    @PostMapping("/signup")
    String signUp(
            @Valid @ModelAttribute("form") SignUpForm form,
            BindingResult errors,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return "account/signup";
        }
        try {
            accounts.register(form.toCommand(), request.getRemoteAddr());
        } catch (AccountProblemException problem) {
            errors.rejectValue(problem.field(), "account", problem.getMessage());
            return "account/signup";
        } catch (SignUpThrottledException throttled) {
            errors.reject("throttled", throttled.getMessage());
            return "account/signup";
        }
        redirect.addFlashAttribute("email", EmailAddress.normalise(form.getEmail()));
        return "redirect:/signin?registered";
    }
}
