package dev.flarelink.connect.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.errors.TokenBudgetSpentException;
import dev.flarelink.connect.ConnectProblemException;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import dev.flarelink.connect.Permission;
import dev.flarelink.shared.TokenBudgetMessage;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One connection: its status and receipt, and Check again, Replace token and Disconnect. */
@Controller
@RequestMapping("/connections/{id}")
class ConnectionController {

    private final ConnectionService connections;

    ConnectionController(ConnectionService connections) {
        this.connections = connections;
    }

    @GetMapping
    String showConnection(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("connection", connections.get(user.id(), id));
        return "connect/connection";
    }

    @PostMapping("/check")
    String checkAgain(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            ConnectionView checked = connections.checkAgain(user.id(), id);
            if (!checked.active()) {
                redirect.addFlashAttribute(
                        "error",
                        "Cloudflare no longer accepts this token (" + checked.status()
                                + "). Replace it below with a new token for the same account.");
            } else if (!checked.receipt().missingRequired().isEmpty()) {
                redirect.addFlashAttribute(
                        "error",
                        "The token no longer has " + labels(checked)
                                + ". Add it to the token in Cloudflare (My Profile → API Tokens → Edit), then check again.");
            } else {
                redirect.addFlashAttribute("success", "Checked: Cloudflare accepts the token. The receipt is current.");
            }
        } catch (TokenBudgetSpentException spent) {
            redirect.addFlashAttribute("error", TokenBudgetMessage.of(spent));
        } catch (CloudflareException unreachable) {
            redirect.addFlashAttribute(
                    "error", "Cloudflare could not be reached just now; nothing changed. Try again.");
        }
        return "redirect:/connections/" + id;
    }

    @PostMapping("/token")
    String replaceToken(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @ModelAttribute ReplaceTokenForm form,
            Model model,
            RedirectAttributes redirect) {
        try {
            connections.replaceToken(user.id(), id, form.toCommand());
            redirect.addFlashAttribute("success", "Token replaced. The connection uses the new token from now on.");
            return "redirect:/connections/" + id;
        } catch (ConnectProblemException problem) {
            model.addAttribute("replaceError", problem.getMessage());
        } catch (CloudflareException unreachable) {
            model.addAttribute("replaceError", ConnectController.CLOUDFLARE_UNREACHABLE);
        }
        // Re-rendered without the form object: the pasted token is never written back into the page.
        model.addAttribute("connection", connections.get(user.id(), id));
        return "connect/connection";
    }

    @GetMapping("/disconnect")
    String confirmDisconnect(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("connection", connections.get(user.id(), id));
        return "connect/disconnect";
    }

    @PostMapping("/disconnect")
    String disconnect(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        connections.disconnect(user.id(), id);
        redirect.addFlashAttribute(
                "success",
                "Disconnected. Flarelink deleted its copy of the token; revoke the "
                        + "token in Cloudflare too if you no longer need it.");
        return "redirect:/connect";
    }

    private static String labels(ConnectionView connection) {
        return connection.receipt().missingRequired().stream()
                .map(Permission::label)
                .collect(Collectors.joining(", "));
    }
}
