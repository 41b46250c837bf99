package dev.flarelink.account.web;

import dev.flarelink.account.PasswordResetService;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The operator's way to reset a password without mail: started with {@code --flarelink.reset-link-for=EMAIL} (and
 * {@code --spring.main.web-application-type=none}), it prints a one-time reset link for that account on standard
 * output — for the operator to hand over, never to a log — and exits. See docs/security.md.
 */
@Component
class ResetLinkCommand implements ApplicationRunner {

    private final PasswordResetService resets;
    private final Environment environment;
    private final ConfigurableApplicationContext context;

    ResetLinkCommand(PasswordResetService resets, Environment environment, ConfigurableApplicationContext context) {
        this.resets = resets;
        this.environment = environment;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = environment.getProperty("flarelink.reset-link-for", "");
        if (email.isBlank()) {
            return;
        }
        Optional<String> link = linkFor(email);
        if (link.isPresent()) {
            System.out.println("Reset link for " + email + " (works once, for 30 minutes):");
            System.out.println(link.get());
        } else {
            System.err.println("No reset link: no account has the e-mail " + email
                    + ", or it had 3 links in the last 30 minutes.");
        }
        System.exit(SpringApplication.exit(context, () -> link.isPresent() ? 0 : 1));
    }

    /** A fresh one-time link for the account of {@code email}, if it exists. */
    Optional<String> linkFor(String email) {
        return resets.issue(email)
                .map(found -> AccountMail.publicUrl(environment) + "/reset-password#token=" + found.token());
    }
}
