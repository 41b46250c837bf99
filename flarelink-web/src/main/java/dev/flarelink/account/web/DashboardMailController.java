package dev.flarelink.account.web;

import dev.flarelink.account.web.DashboardMailbox.DashboardMail;
import dev.flarelink.web.MailLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Sandbox mode only: the dashboard's own mail, captured when no SMTP server is configured. Whoever resets a password
 * is not signed in, so the page needs no sign-in; instead it answers only a browser on the machine Flarelink runs on
 * ({@link LocalBrowser}), which in sandbox mode is the one developer the mail is for. In any other mode this
 * controller does not exist and the address is a 404.
 */
@Controller
@Profile("sandbox")
class DashboardMailController {

    static final String PATH = "/outbox/dashboard";

    /** A captured message as the page shows it, with the links of its text. */
    record Shown(DashboardMail mail, List<String> links) {}

    private final DashboardMailbox mailbox;

    DashboardMailController(DashboardMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping(PATH)
    String showDashboardMail(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!LocalBrowser.isDirect(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return "sandbox/dashboard-mail-elsewhere";
        }
        List<Shown> shown = new ArrayList<>();
        for (DashboardMail mail : mailbox.messages()) {
            shown.add(new Shown(mail, MailLinks.in(mail.text())));
        }
        model.addAttribute("messages", shown);
        return "sandbox/dashboard-mail";
    }
}
