package dev.flarelink.account.web;

import dev.flarelink.account.AccountProblemException;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.EmailVerificationService;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's account page: who they are, and changing the password. */
@Controller
@RequestMapping("/account")
class AccountController {

    private final AccountService accounts;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final EmailVerificationService verifications;
    private final AccountMail mail;

    AccountController(
            AccountService accounts,
            FindByIndexNameSessionRepository<? extends Session> sessions,
            EmailVerificationService verifications,
            AccountMail mail) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.verifications = verifications;
        this.mail = mail;
    }

    @GetMapping
    String showAccountPage(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("account", accounts.findById(user.id()).orElseThrow());
        model.addAttribute("mailAvailable", mail.isAvailable());
        model.addAttribute("mailCapturedLocally", mail.isCapturedLocally());
        model.addAttribute("emailVerified", verifications.isVerified(user.id()));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ChangePasswordForm());
        }
        return "account/index";
    }

    @PostMapping("/password")
    String changePassword(
            @AuthenticationPrincipal SignedInUser user,
            @Valid @ModelAttribute("form") ChangePasswordForm form,
            BindingResult errors,
            HttpSession session,
            Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                accounts.changePassword(user.id(), form.toCommand());
                signOutOtherSessions(user, session.getId());
                redirect.addFlashAttribute("success", "Password changed. Other signed-in sessions were signed out.");
                return "redirect:/account";
            } catch (AccountProblemException problem) {
                errors.rejectValue(problem.field(), "account", problem.getMessage());
            }
        }
        model.addAttribute("account", accounts.findById(user.id()).orElseThrow());
        model.addAttribute("mailAvailable", mail.isAvailable());
        model.addAttribute("mailCapturedLocally", mail.isCapturedLocally());
        model.addAttribute("emailVerified", verifications.isVerified(user.id()));
        return "account/index";
    }

    // ASVS V7.4.3: after a credential change, other sessions of the account end.
    private void signOutOtherSessions(SignedInUser user, String currentSessionId) {
        sessions.findByPrincipalName(user.getName()).keySet().stream()
                .filter(id -> !id.equals(currentSessionId))
                .forEach(sessions::deleteById);
    }
}
