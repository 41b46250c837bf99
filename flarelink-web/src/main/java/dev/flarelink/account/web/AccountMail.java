package dev.flarelink.account.web;

import dev.flarelink.account.EmailVerificationService;
import dev.flarelink.account.PasswordResetService;
import dev.flarelink.account.PasswordResetService.ResetLink;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Sends the account's mail over SMTP ({@code spring.mail.*}), when configured: password-reset links and links that
 * confirm a new account's address. In sandbox mode without SMTP the mail goes to the dashboard's Outbox instead
 * ({@link DashboardMailbox}), so a developer can follow a reset locally; SMTP, when configured, always wins. For a
 * reset, the whole request — looking the address up, making the token, sending — runs off the request thread, so the
 * answer and its timing are the same whether an account exists or not.
 */
@Component
public class AccountMail {

    private static final Logger log = LoggerFactory.getLogger(AccountMail.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final ObjectProvider<DashboardMailbox> outbox;
    private final PasswordResetService resets;
    private final EmailVerificationService verifications;
    // Its own small pool: a flood of requests queues here and never takes the request threads.
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    private final Environment environment;
    private final SignIns signIns;
    private final String from;

    AccountMail(
            ObjectProvider<JavaMailSender> mail,
            ObjectProvider<DashboardMailbox> outbox,
            PasswordResetService resets,
            EmailVerificationService verifications,
            Environment environment,
            SignIns signIns,
            @Value("${flarelink.mail.from:Flarelink <no-reply@localhost>}") String from) {
        this.mail = mail;
        this.outbox = outbox;
        this.resets = resets;
        this.verifications = verifications;
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(1000);
        executor.setThreadNamePrefix("account-mail-");
        executor.initialize();
        this.environment = environment;
        this.signIns = signIns;
        this.from = from;
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /**
     * Whether Flarelink's mail reaches anyone: an SMTP server is configured, or (sandbox mode) the dashboard's Outbox
     * keeps it. Password reset and address confirmation are offered only then.
     */
    public boolean isAvailable() {
        return mail.getIfAvailable() != null || outbox.getIfAvailable() != null;
    }

    /** Whether mail goes to the dashboard's Outbox rather than out (sandbox mode, no SMTP). */
    public boolean isCapturedLocally() {
        return mail.getIfAvailable() == null && outbox.getIfAvailable() != null;
    }

    /** Sends a link to the account of {@code email} if there is one; returns at once either way. */
    void requestFor(String email, String address, String userAgent) {
        if (!isAvailable()) {
            return;
        }
        executor.execute(() -> {
            Optional<ResetLink> link = resets.issue(email);
            link.ifPresent(found -> {
                signIns.record(found.userId(), "account.password_reset_requested", "ok", null, address, userAgent);
                send(found);
            });
        });
    }

    /** Sends a link that confirms the account's address, unless it is confirmed already; returns at once. */
    void verificationFor(UUID userId, String email) {
        if (!isAvailable()) {
            return;
        }
        executor.execute(() -> verifications.issue(userId).ifPresent(token -> {
            SimpleMailMessage message = message(email, "Confirm your e-mail address for Flarelink");
            message.setText("Welcome to Flarelink. Open this link to confirm that this address is yours:\n\n"
                    + publicUrl(environment) + "/verify-email#token=" + token + "\n\n"
                    + "The link works once, for 24 hours. If you did not create a Flarelink account, ignore this "
                    + "message.\n");
            deliver(message, userId);
        }));
    }

    private SimpleMailMessage message(String to, String subject) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        return message;
    }

    private void deliver(SimpleMailMessage message, UUID userId) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender != null) {
            try {
                sender.send(message);
            } catch (MailException failed) {
                // The message names the server, not the token (which is only in the body).
                log.warn("Could not send mail for account {}: {}", userId, failed.getMessage());
            }
            return;
        }
        String to = String.join(", ", message.getTo() == null ? new String[0] : message.getTo());
        DashboardMailbox mailbox = outbox.getIfAvailable();
        if (mailbox != null) {
            try {
                mailbox.capture(
                        String.valueOf(message.getFrom()),
                        to,
                        String.valueOf(message.getSubject()),
                        String.valueOf(message.getText()));
                // Where to look, never what it says: the body holds the one-time token.
                log.info(
                        "Sandbox mode: \"{}\" for {} is in the dashboard's Outbox, {}{} (open it on this machine)",
                        message.getSubject(),
                        to,
                        publicUrl(environment),
                        DashboardMailController.PATH);
                return;
            } catch (RuntimeException failed) {
                // Falls through to the log line below, which holds no part of the message's text.
            }
        }
        log.warn(
                "Mail \"{}\" for {} (account {}) went nowhere: no SMTP server, and the dashboard's Outbox could not "
                        + "take it",
                message.getSubject(),
                to,
                userId);
    }

    // The token travels in the link's fragment, which browsers never send: it cannot end up in an access log, a proxy
    // log or a Referer; the page's script moves it into the form.
    private void send(ResetLink link) {
        SimpleMailMessage message = message(link.email(), "Reset your Flarelink password");
        message.setText("Someone asked to reset the password of your Flarelink account. If it was you, open this link "
                + "within 30 minutes to choose a new password:\n\n"
                + publicUrl(environment) + "/reset-password#token=" + link.token() + "\n\n"
                + "The link works once. If it was not you, ignore this message: your password stays as it is.\n");
        deliver(message, link.userId());
    }

    // Never the request's Host header: a forged one would send the victim a link to the attacker's site.
    static String publicUrl(Environment environment) {
        String configured = environment.getProperty("flarelink.public-url", "");
        if (!configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port", "8080");
    }
}
