package dev.flarelink.connect.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.errors.CloudflareException;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectProblemException;
import dev.flarelink.connect.ConnectResult;
import dev.flarelink.connect.ConnectionExistsException;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.connect.ConnectionView;
import dev.flarelink.connect.Permission;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Connect page: the five permissions, the link that creates the token, and the field to paste it. */
@Controller
@RequestMapping("/connect")
class ConnectController {

    static final String CLOUDFLARE_UNREACHABLE =
            "Cloudflare could not be reached just now, so the token was not checked. Nothing was saved; try again in "
                    + "a moment.";

    private final ConnectionService connections;
    private final ObjectProvider<CloudflareSandbox> sandbox;

    ConnectController(ConnectionService connections, ObjectProvider<CloudflareSandbox> sandbox) {
        this.connections = connections;
        this.sandbox = sandbox;
    }

    @GetMapping
    String showConnectPage(@AuthenticationPrincipal SignedInUser user, Model model) {
        return page(user, new ConnectForm(), model);
    }

    @PostMapping
    String connect(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute("form") ConnectForm form,
            Model model,
            RedirectAttributes redirect) {
        try {
            ConnectResult result = connections.connect(user.id(), form.toCommand());
            if (result.needsAccountChoice()) {
                model.addAttribute("accounts", result.accounts());
                return page(user, form, model);
            }
            ConnectionView connected = Objects.requireNonNull(result.connection());
            redirect.addFlashAttribute(
                    "success",
                    "Connected to the Cloudflare account \"" + connected.accountName()
                            + "\". Below is what the token may do.");
            return "redirect:/connections/" + connected.id();
        } catch (ConnectProblemException problem) {
            model.addAttribute("tokenError", problem.getMessage());
        } catch (ConnectionExistsException exists) {
            model.addAttribute("tokenError", exists.getMessage());
            model.addAttribute("existingId", exists.existingId());
        } catch (CloudflareException unreachable) {
            model.addAttribute("tokenError", CLOUDFLARE_UNREACHABLE);
        }
        return page(user, form, model);
    }

    private String page(SignedInUser user, ConnectForm form, Model model) {
        form.forgetToken();
        model.addAttribute("form", form);
        model.addAttribute("connections", connections.connectionsOf(user.id()));
        model.addAttribute("permissions", Permission.values());
        model.addAttribute("tokenTemplateUrl", Permission.tokenTemplateUrl());
        // Demo token values are shown only when Cloudflare is emulated: they open nothing real.
        sandbox.ifAvailable(emulator -> emulator.demo().ifPresent(demo -> model.addAttribute("demo", demo)));
        return "connect/index";
    }
}
