package dev.flarelink.account.web;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What every way of signing in has in common (password, second step, sign-up): the signed-in context, the device
 * noted for the Sessions page, the time of the last proof for sensitive actions, and the security event.
 */
@Component
public class SignIns {

    /** How long a sign-in or confirmation counts as recent for sensitive actions. */
    public static final Duration RECENT = Duration.ofMinutes(10);

    private static final int MAX_USER_AGENT = 200;

    private final SecurityContextRepository contextRepository;
    private final ActivityService activity;
    private final Clock clock;
    private final ThreadPoolTaskExecutor later = new ThreadPoolTaskExecutor();

    SignIns(SecurityContextRepository contextRepository, ActivityService activity, Clock clock) {
        this.contextRepository = contextRepository;
        this.activity = activity;
        this.clock = clock;
        later.setCorePoolSize(1);
        later.setMaxPoolSize(1);
        later.setQueueCapacity(10_000);
        later.setThreadNamePrefix("security-events-");
        later.initialize();
    }

    /** Signs the user in on a fresh session id (no session fixation), then {@link #noteSignIn}. */
    public void signIn(
            UUID userId, String email, String how, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new SignedInUser(userId, email), null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
        noteSignIn(userId, how, request);
    }

    /** Notes the device and the time on the (already signed-in) session and records the event. */
    public void noteSignIn(UUID userId, String how, HttpServletRequest request) {
        Instant now = clock.instant();
        HttpSession session = request.getSession(true);
        session.removeAttribute(PendingSignIn.ATTRIBUTE);
        session.setAttribute(
                SessionClient.ATTRIBUTE,
                new SessionClient(UUID.randomUUID(), address(request), userAgent(request), now, now));
        record(userId, "account.signed_in", "ok", "with " + how, request);
    }

    /** The user proved who they are again (password or code): sensitive actions are open for {@link #RECENT}. */
    public void noteConfirmed(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        client(session)
                .ifPresentOrElse(
                        client -> session.setAttribute(SessionClient.ATTRIBUTE, client.confirmedAt(clock.instant())),
                        () -> session.setAttribute(
                                SessionClient.ATTRIBUTE,
                                new SessionClient(
                                        UUID.randomUUID(),
                                        address(request),
                                        userAgent(request),
                                        clock.instant(),
                                        clock.instant())));
    }

    /** Whether this session signed in or confirmed within {@link #RECENT}. */
    public boolean isRecent(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null
                && client(session)
                        .map(client ->
                                client.confirmedAt().isAfter(clock.instant().minus(RECENT)))
                        .orElse(false);
    }

    /** Where to send a request that needs a recent sign-in first; back to {@code next} afterwards. */
    public static String confirmFirst(String next) {
        return "redirect:/account/confirm?next="
                + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Records a security event in the user's Activity log: address and browser, never a secret. */
    public void record(UUID userId, String action, String outcome, @Nullable String what, HttpServletRequest request) {
        record(userId, action, outcome, what, address(request), userAgent(request));
    }

    /**
     * As {@link #record(UUID, String, String, String, HttpServletRequest)}, after the answer: for events whose
     * recording must not make the answer slower for some accounts than for others (a failed sign-in).
     */
    public void recordLater(
            UUID userId, String action, String outcome, @Nullable String what, HttpServletRequest request) {
        String address = address(request);
        String userAgent = userAgent(request);
        later.execute(() -> record(userId, action, outcome, what, address, userAgent));
    }

    @PreDestroy
    void stop() {
        later.shutdown();
    }

    /** As {@link #record(UUID, String, String, String, HttpServletRequest)}, off the request thread. */
    public void record(
            UUID userId, String action, String outcome, @Nullable String what, String address, String userAgent) {
        String detail = (what == null ? "" : what + " · ") + "from " + address + " · " + userAgent;
        activity.recordAction(ActivityEntry.action(userId, action, null, null, outcome, detail));
    }

    static Optional<SessionClient> client(HttpSession session) {
        return session.getAttribute(SessionClient.ATTRIBUTE) instanceof SessionClient client
                ? Optional.of(client)
                : Optional.empty();
    }

    static String address(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "unknown" : address;
    }

    static String userAgent(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent == null || agent.isBlank()) {
            return "unknown browser";
        }
        String printable = agent.replaceAll("\\p{Cntrl}", "");
        return printable.length() > MAX_USER_AGENT ? printable.substring(0, MAX_USER_AGENT) : printable;
    }
}
