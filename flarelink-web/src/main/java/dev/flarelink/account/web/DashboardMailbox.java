package dev.flarelink.account.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Sandbox mode only: the dashboard's own mail (password-reset links, address confirmations) captured instead of sent
 * when no SMTP server is configured, for {@link DashboardMailController} to show. Kept in memory only, the latest
 * {@link #KEPT}: the links carry one-time tokens, which must not land on disk, and they expire within a day anyway.
 */
@Component
@Profile("sandbox")
public class DashboardMailbox {

    static final int KEPT = 100;

    /** One captured message: plain text, as {@link AccountMail} writes it. */
    public record DashboardMail(String id, Instant sentAt, String from, String to, String subject, String text) {

        // The text holds a token: never in a log line or an exception message by accident.
        @Override
        public String toString() {
            return "DashboardMail[" + id + ", to=" + to + ", subject=" + subject + ", <text redacted>]";
        }
    }

    private final Deque<DashboardMail> messages = new ArrayDeque<>();
    private final Clock clock;

    DashboardMailbox(Clock clock) {
        this.clock = clock;
    }

    synchronized void capture(String from, String to, String subject, String text) {
        messages.addFirst(new DashboardMail(UUID.randomUUID().toString(), clock.instant(), from, to, subject, text));
        while (messages.size() > KEPT) {
            messages.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<DashboardMail> messages() {
        return List.copyOf(messages);
    }
}
