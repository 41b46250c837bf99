package dev.flarelink.account.web;

import dev.flarelink.account.AccountProblemException;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.AccountView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Creates an account and signs the new user straight in. */
@Controller
class SignUpController {

    private final AccountService accounts;
    private final SignIns signIns;
    private final AccountMail mail;

    SignUpController(AccountService accounts, SignIns signIns, AccountMail mail) {
        this.accounts = accounts;
        this.signIns = signIns;
        this.mail = mail;
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
            HttpServletResponse response) {
        if (errors.hasErrors()) {
            return "account/signup";
        }
        AccountView account;
        try {
            account = accounts.signUp(form.toCommand());
        } catch (AccountProblemException problem) {
            errors.rejectValue(problem.field(), "account", problem.getMessage());
            return "account/signup";
        }
        signIns.signIn(account.id(), account.email(), "a new account", request, response);
        mail.verificationFor(account.id(), account.email());
        return "redirect:/projects?welcome";
    }
}
