package dev.flarelink.account.web;

import dev.flarelink.account.AccountProblemException;
import dev.flarelink.account.AccountService;
import dev.flarelink.account.SecondFactorResult;
import dev.flarelink.account.SignInThrottledException;
import dev.flarelink.account.TotpEnrolment;
import dev.flarelink.account.TwoFactorService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Turning two-factor sign-in on and off, and confirming who you are before a sensitive action. */
@Controller
class TwoFactorController {

    private final TwoFactorService twoFactor;
    private final AccountService accounts;
    private final SignIns signIns;

    TwoFactorController(TwoFactorService twoFactor, AccountService accounts, SignIns signIns) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.signIns = signIns;
    }

    @GetMapping("/account/two-factor")
    String showTwoFactor(@AuthenticationPrincipal SignedInUser user, Model model) {
        boolean enabled = twoFactor.isEnabled(user.id());
        model.addAttribute("enabled", enabled);
        if (enabled) {
            model.addAttribute("recoveryCodesLeft", twoFactor.recoveryCodesLeft(user.id()));
        } else {
            Optional<TotpEnrolment> pending = twoFactor.pending(user.id(), user.email());
            pending.ifPresent(enrolment -> {
                model.addAttribute("secret", grouped(enrolment.secret()));
                model.addAttribute("qrCode", QrCodes.svgDataUri(enrolment.uri()));
            });
        }
        return "account/two-factor";
    }

    @PostMapping("/account/two-factor/start")
    String start(@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        try {
            twoFactor.start(user.id(), user.email());
        } catch (AccountProblemException problem) {
            redirect.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/account/two-factor";
    }

    @PostMapping("/account/two-factor/confirm")
    String confirm(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            Model model) {
        List<String> recoveryCodes;
        try {
            recoveryCodes = twoFactor.confirm(user.id(), code);
        } catch (AccountProblemException problem) {
            model.addAttribute("codeError", problem.getMessage());
            return showTwoFactor(user, model);
        }
        signIns.record(user.id(), "account.two_factor_on", "ok", "authenticator app", request);
        signIns.noteConfirmed(request);
        // Shown once, in this answer only (no redirect, no session): Flarelink keeps their hashes.
        model.addAttribute("recoveryCodes", recoveryCodes);
        return "account/recovery-codes";
    }

    @PostMapping("/account/two-factor/disable")
    String disable(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        if (!signIns.isRecent(request)) {
            return SignIns.confirmFirst("/account/two-factor");
        }
        try {
            twoFactor.disable(user.id(), code);
        } catch (AccountProblemException problem) {
            model.addAttribute("codeError", problem.getMessage());
            return showTwoFactor(user, model);
        }
        signIns.record(user.id(), "account.two_factor_off", "ok", "authenticator app", request);
        redirect.addFlashAttribute("success", "Two-factor sign-in is off. Your recovery codes no longer work.");
        return "redirect:/account/two-factor";
    }

    @GetMapping("/account/confirm")
    String showConfirm(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "/account") String next,
            Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("twoFactor", twoFactor.isEnabled(user.id()));
        return "account/confirm";
    }

    @PostMapping("/account/confirm")
    String confirmIdentity(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "/account") String next,
            HttpServletRequest request,
            Model model) {
        String target = safeNext(next);
        boolean confirmed;
        try {
            if (!code.isBlank()) {
                confirmed = twoFactor.verify(user.id(), user.email(), code, SignIns.address(request))
                        != SecondFactorResult.REFUSED;
            } else {
                confirmed = accounts.confirmPassword(user.id(), password, SignIns.address(request));
            }
        } catch (SignInThrottledException throttled) {
            model.addAttribute("confirmError", "Too many wrong attempts from here. Wait 15 minutes and try again.");
            return showConfirm(user, target, model);
        }
        if (!confirmed) {
            signIns.record(user.id(), "account.confirm_failed", "failed", null, request);
            model.addAttribute(
                    "confirmError", code.isBlank() ? "The password is not right." : "That code is not right.");
            return showConfirm(user, target, model);
        }
        signIns.noteConfirmed(request);
        return "redirect:" + target;
    }

    // Only a path of this app: never another host (//evil.example) or a scheme.
    static String safeNext(String next) {
        return next.matches("/[A-Za-z0-9/_.-]*") && !next.startsWith("//") ? next : "/account";
    }

    private static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
