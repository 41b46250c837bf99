package dev.flarelink.trust.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.trust.TrustFacts;
import dev.flarelink.trust.TrustVerificationService;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public Trust page, and per project: Verify now, and Leave cleanly with the token check. */
@Controller
class TrustPagesController {

    private final TrustFacts facts;
    private final TrustVerificationService verification;

    TrustPagesController(TrustFacts facts, TrustVerificationService verification) {
        this.facts = facts;
        this.verification = verification;
    }

    @GetMapping("/trust")
    String showTrust(Model model) {
        model.addAttribute("trust", facts);
        return "trust";
    }

    @GetMapping("/projects/{id}/verify")
    String showVerify(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("plan", verification.leavePlan(user.id(), id));
        model.addAttribute("latest", verification.latest(user.id(), id).orElse(null));
        model.addAttribute("trust", facts);
        return "trust/verify";
    }

    @PostMapping("/projects/{id}/verify")
    String verifyNow(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id) {
        verification.verify(user.id(), id);
        return "redirect:/projects/" + id + "/verify";
    }

    @GetMapping("/projects/{id}/leave")
    String showLeave(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("plan", verification.leavePlan(user.id(), id));
        return "trust/leave";
    }

    @PostMapping("/projects/{id}/leave/check-token")
    String checkToken(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes flash) {
        flash.addFlashAttribute("tokenCheck", verification.checkToken(user.id(), id));
        return "redirect:/projects/" + id + "/leave";
    }
}
