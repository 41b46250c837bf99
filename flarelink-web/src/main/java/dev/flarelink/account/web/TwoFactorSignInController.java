package dev.flarelink.account.web;

import dev.flarelink.account.SecondFactorResult;
import dev.flarelink.account.SignInThrottledException;
import dev.flarelink.account.TwoFactorService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The second step of a password sign-in on an account with two-factor: a code from the app or a recovery code. */
@Controller
class TwoFactorSignInController {

    /** How long the second step waits after the password: long enough to find the phone, no longer. */
    static final Duration PENDING_FOR = Duration.ofMinutes(5);

    private final TwoFactorService twoFactor;
    private final SignIns signIns;
    private final Clock clock;

    TwoFactorSignInController(TwoFactorService twoFactor, SignIns signIns, Clock clock) {
        this.twoFactor = twoFactor;
        this.signIns = signIns;
        this.clock = clock;
    }

    @GetMapping("/signin/two-factor")
    String showSecondStep(HttpServletRequest request) {
        return pending(request).isPresent() ? "account/two-factor-signin" : "redirect:/signin";
    }

    @PostMapping("/signin/two-factor")
    String checkSecondStep(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<PendingSignIn> pending = pending(request);
        if (pending.isEmpty()) {
            return "redirect:/signin";
        }
        PendingSignIn due = pending.get();
        SecondFactorResult result;
        try {
            result = twoFactor.verify(due.userId(), due.email(), code, SignIns.address(request));
        } catch (SignInThrottledException throttled) {
            request.getSession().removeAttribute(PendingSignIn.ATTRIBUTE);
            return "redirect:/signin?throttled";
        }
        if (result == SecondFactorResult.REFUSED) {
            signIns.record(due.userId(), "account.signin_failed", "failed", "wrong two-factor code", request);
            model.addAttribute(
                    "codeError",
                    "That code is not right, or was used already. Type the 6 digits your app shows now, "
                            + "or one of your recovery codes.");
            return "account/two-factor-signin";
        }
        String how = result == SecondFactorResult.TOTP ? "password and app code" : "password and a recovery code";
        signIns.signIn(due.userId(), due.email(), how, request, response);
        return "redirect:/projects";
    }

    private Optional<PendingSignIn> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null
                && session.getAttribute(PendingSignIn.ATTRIBUTE) instanceof PendingSignIn due
                && due.since().isAfter(clock.instant().minus(PENDING_FOR))) {
            return Optional.of(due);
        }
        return Optional.empty();
    }
}
