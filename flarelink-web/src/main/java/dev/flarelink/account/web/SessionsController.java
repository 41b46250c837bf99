package dev.flarelink.account.web;

import dev.flarelink.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every signed-in session of the account (Spring Session JDBC, so every node's), and ending one or all others. A
 * session is named by its handle; the session id is a credential and never leaves the server.
 */
@Controller
class SessionsController {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final SignIns signIns;

    SessionsController(FindByIndexNameSessionRepository<? extends Session> sessions, SignIns signIns) {
        this.sessions = sessions;
        this.signIns = signIns;
    }

    /** One row of the Sessions page. */
    record SessionRow(
            UUID handle, Instant createdAt, Instant lastSeenAt, String address, String userAgent, boolean current) {}

    @GetMapping("/account/sessions")
    String showSessions(@AuthenticationPrincipal SignedInUser user, HttpSession current, Model model) {
        List<SessionRow> rows = mine(user).entrySet().stream()
                .map(entry -> row(entry.getKey(), entry.getValue(), current.getId()))
                .sorted(Comparator.comparing(SessionRow::current)
                        .reversed()
                        .thenComparing(SessionRow::lastSeenAt, Comparator.reverseOrder()))
                .toList();
        model.addAttribute("sessions", rows);
        return "account/sessions";
    }

    @PostMapping("/account/sessions/{handle}/end")
    String endSession(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID handle,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        String id = mine(user).entrySet().stream()
                .filter(entry -> SessionClientOf.handle(entry.getValue()).equals(handle.toString()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(SessionNotFoundException::new);
        sessions.deleteById(id);
        signIns.record(user.id(), "account.session_ended", "ok", null, request);
        if (id.equals(request.getSession().getId())) {
            return "redirect:/signin?signedOut";
        }
        redirect.addFlashAttribute("success", "That session is signed out.");
        return "redirect:/account/sessions";
    }

    @PostMapping("/account/sessions/end-others")
    String endOthers(
            @AuthenticationPrincipal SignedInUser user,
            HttpServletRequest request,
            HttpSession current,
            RedirectAttributes redirect) {
        long ended = mine(user).keySet().stream()
                .filter(id -> !id.equals(current.getId()))
                .peek(sessions::deleteById)
                .count();
        if (ended > 0) {
            signIns.record(user.id(), "account.session_ended", "ok", ended + " other sessions", request);
        }
        redirect.addFlashAttribute(
                "success", ended == 0 ? "No other sessions were signed in." : "All other sessions are signed out.");
        return "redirect:/account/sessions";
    }

    private Map<String, ? extends Session> mine(SignedInUser user) {
        return sessions.findByPrincipalName(user.getName());
    }

    private static SessionRow row(String id, Session session, String currentId) {
        SessionClient client = session.getAttribute(SessionClient.ATTRIBUTE);
        return new SessionRow(
                client == null ? new UUID(0, 0) : client.handle(),
                session.getCreationTime(),
                session.getLastAccessedTime(),
                client == null ? "unknown" : client.address(),
                client == null ? "unknown browser" : client.userAgent(),
                id.equals(currentId));
    }

    /** Reads a session's handle without trusting the attribute to be there. */
    private static final class SessionClientOf {
        static String handle(Session session) {
            SessionClient client = session.getAttribute(SessionClient.ATTRIBUTE);
            return client == null ? "" : client.handle().toString();
        }
    }

    /** Not a session of this account (or no longer signed in): 404, whoever's it is. */
    static class SessionNotFoundException extends NotFoundException {
        private static final long serialVersionUID = 1L;

        SessionNotFoundException() {
            super("No such session of this account.");
        }
    }
}
