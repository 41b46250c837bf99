package dev.flarelink.account.web;

import dev.flarelink.account.EmailVerificationService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Confirming an account's e-mail address with the link mailed at sign-up (when mail is configured). */
@Controller
class EmailVerificationController {

    private final EmailVerificationService verifications;
    private final AccountMail mail;
    private final SignIns signIns;

    EmailVerificationController(EmailVerificationService verifications, AccountMail mail, SignIns signIns) {
        this.verifications = verifications;
        this.mail = mail;
        this.signIns = signIns;
    }

    /** The link's token is in its fragment, never sent here; the page's script puts it into the form. */
    @GetMapping("/verify-email")
    String showConfirmPage(Model model) {
        model.addAttribute("verified", false);
        model.addAttribute("failed", false);
        return "account/verify-email";
    }

    @PostMapping("/verify-email")
    String confirm(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model) {
        Optional<UUID> verified = verifications.verify(token);
        verified.ifPresent(user -> signIns.record(user, "account.email_verified", "ok", null, request));
        model.addAttribute("verified", verified.isPresent());
        model.addAttribute("failed", verified.isEmpty());
        return "account/verify-email";
    }

    @PostMapping("/account/verify-email")
    String sendAgain(@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        mail.verificationFor(user.id(), user.email());
        redirect.addFlashAttribute(
                "success", "If your address is not confirmed yet, a new link is on its way. It works for 24 hours.");
        return "redirect:/account";
    }
}
