package dev.flarelink.account.web;

import dev.flarelink.account.AccountProblemException;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.AccountView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Creates an account and signs the new user straight in. */
@Controller
class SignUpController {

    private final AccountService accounts;
    private final SecurityContextRepository contextRepository;

    SignUpController(AccountService accounts, SecurityContextRepository contextRepository) {
        this.accounts = accounts;
        this.contextRepository = contextRepository;
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
        signIn(account, request, response);
        return "redirect:/projects?welcome";
    }

    private void signIn(AccountView account, HttpServletRequest request, HttpServletResponse response) {
        // A fresh session id for the signed-in session, as form sign-in does (no session fixation).
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new SignedInUser(account.id(), account.email()),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        DeviceCookie.write(accounts.issueDeviceCookie(account.id()), request, response);
    }
}
