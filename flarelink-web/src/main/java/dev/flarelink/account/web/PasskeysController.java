package dev.flarelink.account.web;

import dev.flarelink.account.PasskeyService;
import dev.flarelink.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's passkeys: listed and removed here; added by the page's script through Spring Security's WebAuthn
 * endpoints ({@code /webauthn/register/options}, {@code /webauthn/register}).
 */
@Controller
class PasskeysController {

    private final PasskeyService passkeys;
    private final SignIns signIns;

    PasskeysController(PasskeyService passkeys, SignIns signIns) {
        this.passkeys = passkeys;
        this.signIns = signIns;
    }

    @GetMapping("/account/passkeys")
    String showPasskeys(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
        model.addAttribute("passkeys", passkeys.list(user.id()));
        model.addAttribute("recent", signIns.isRecent(request));
        return "account/passkeys";
    }

    @PostMapping("/account/passkeys/{id}/delete")
    String removePasskey(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String id,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        String label = passkeys.remove(user.id(), id).orElseThrow(PasskeyNotFoundException::new);
        signIns.record(user.id(), "account.passkey_removed", "ok", "passkey “" + label + "”", request);
        redirect.addFlashAttribute("success", "Passkey “" + label + "” removed. It no longer signs you in.");
        return "redirect:/account/passkeys";
    }

    /** Not a passkey of this account: 404, whoever's it is. */
    static class PasskeyNotFoundException extends NotFoundException {
        private static final long serialVersionUID = 1L;

        PasskeyNotFoundException() {
            super("No such passkey of this account.");
        }
    }
}
