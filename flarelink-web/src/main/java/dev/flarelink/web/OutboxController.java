package dev.flarelink.web;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxEmail;
import dev.flarelink.provisioning.ConnectionChoice;
import dev.flarelink.provisioning.ProvisioningService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Sandbox mode only: the Outbox, every email the user's local Workers sent (captured, never delivered), newest
 * first. Only accounts the user has connected are shown.
 */
@Controller
@Profile("sandbox")
class OutboxController {

    static final int SHOWN = 50;

    /** One link of a message, with the local address that stands for it when a local Worker answers there. */
    record Link(String url, @Nullable String local) {}

    /** A captured message as the page shows it. */
    record Message(SandboxEmail email, String accountName, List<Link> links) {}

    private final CloudflareSandbox sandbox;
    private final ProvisioningService provisioning;

    OutboxController(CloudflareSandbox sandbox, ProvisioningService provisioning) {
        this.sandbox = sandbox;
        this.provisioning = provisioning;
    }

    @GetMapping("/outbox")
    String showOutbox(@AuthenticationPrincipal SignedInUser user, Model model) {
        List<Message> messages = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ConnectionChoice connection : provisioning.activeConnections(user.id())) {
            if (!seen.add(connection.accountId())) {
                continue;
            }
            for (SandboxEmail email : sandbox.outbox(connection.accountId())) {
                messages.add(new Message(email, connection.accountName(), links(email)));
            }
        }
        messages.sort(Comparator.comparing((Message m) -> m.email().sentAt()).reversed());
        model.addAttribute("messages", messages.size() > SHOWN ? messages.subList(0, SHOWN) : messages);
        model.addAttribute("workers", sandbox.workers().status());
        return "sandbox/outbox";
    }

    private List<Link> links(SandboxEmail email) {
        List<Link> links = new ArrayList<>();
        for (String url : MailLinks.in(email.text(), email.html())) {
            links.add(new Link(url, sandbox.workers().localUrl(url).orElse(null)));
        }
        return links;
    }
}
