package dev.flarelink.account.web;

import dev.flarelink.account.AccountProblemException;
import dev.flarelink.account.AccountView;
import dev.flarelink.account.PasswordResetService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot your password?": a link by e-mail, then a new password; offered only when mail reaches someone (SMTP, or
 * the dashboard's Outbox in sandbox mode).
 */
@Controller
class PasswordResetController {

    private final AccountMail mail;
    private final PasswordResetService resets;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final SignIns signIns;

    PasswordResetController(
            AccountMail mail,
            PasswordResetService resets,
            FindByIndexNameSessionRepository<? extends Session> sessions,
            SignIns signIns) {
        this.mail = mail;
        this.resets = resets;
        this.sessions = sessions;
        this.signIns = signIns;
    }

    @GetMapping("/forgot-password")
    String showRequestForm(Model model) {
        model.addAttribute("available", mail.isAvailable());
        model.addAttribute("capturedLocally", mail.isCapturedLocally());
        return "account/forgot-password";
    }

    @PostMapping("/forgot-password")
    String requestLink(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model) {
        model.addAttribute("available", mail.isAvailable());
        model.addAttribute("capturedLocally", mail.isCapturedLocally());
        if (!mail.isAvailable()) {
            return "account/forgot-password";
        }
        if (email.isBlank()) {
            model.addAttribute("emailError", "Enter the e-mail address you sign in with.");
            return "account/forgot-password";
        }
        mail.requestFor(email, SignIns.address(request), SignIns.userAgent(request));
        // The same answer for every address: the page must not tell which have accounts.
        model.addAttribute("sent", true);
        return "account/forgot-password";
    }

    /** The link's token is in its fragment, never sent here; the page's script puts it into the form. */
    @GetMapping("/reset-password")
    String showResetForm(Model model) {
        model.addAttribute("token", "");
        model.addAttribute("usable", true);
        return "account/reset-password";
    }

    @PostMapping("/reset-password")
    String reset(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            Model model) {
        AccountView account;
        try {
            account = resets.reset(token, password);
        } catch (AccountProblemException problem) {
            model.addAttribute("token", token);
            model.addAttribute("usable", !problem.field().equals("token"));
            model.addAttribute("passwordError", problem.field().equals("token") ? null : problem.getMessage());
            return "account/reset-password";
        }
        // Whoever knew the old password is signed out everywhere (ASVS V7.4.3).
        sessions.findByPrincipalName(account.email()).keySet().forEach(sessions::deleteById);
        signIns.record(account.id(), "account.password_reset", "ok", "by e-mail link", request);
        return "redirect:/signin?reset";
    }
}
