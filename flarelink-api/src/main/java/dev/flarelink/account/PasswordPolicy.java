package dev.flarelink.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.springframework.stereotype.Component;

/**
 * Decides whether a new password is acceptable: long enough, not absurdly long, not a well-known password, not the
 * account's own e-mail address, and not easy to guess by the estimate of nbvcxz (zxcvbn's approach for Java: it sees
 * repeats, sequences, keyboard patterns, dates, l33t and dictionary words, so {@code abcabcabcabc} and
 * {@code Aa1!Aa1!Aa1!} fail although they are long enough). No composition rules (ASVS 5.0 V6.2.5).
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    // Generous upper bound (far above the 64 that must work) so that hashing cannot be abused with megabyte inputs.
    public static final int MAX_LENGTH = 256;
    private static final String LIST = "common-passwords.txt";

    /**
     * Least acceptable score on zxcvbn's 0–4 scale: 3 is "safely unguessable" (about 10^8 guesses and more), which
     * with Argon2id hashing and the sign-in throttle is beyond online guessing and costly offline.
     */
    public static final int MIN_SCORE = 3;

    // Loading the dictionaries takes seconds and the result is immutable: one for the JVM. Each estimate gets its
    // own (cheap) Nbvcxz around it.
    private static final class Estimator {
        static final Configuration CONFIGURATION =
                new ConfigurationBuilder().setLocale(Locale.ENGLISH).createConfiguration();
    }

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = loadCommonPasswords();
    }

    /** Returns why the password is refused, or empty when it is acceptable. */
    public Optional<String> problemWith(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(
                    "Use at least " + MIN_LENGTH + " characters; a short phrase of several words works well.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("This password is on a list of commonly used passwords; choose another.");
        }
        if (lower.equals(EmailAddress.normalise(email))) {
            return Optional.of("Don't use your e-mail address as your password.");
        }
        Result estimate = new Nbvcxz(Estimator.CONFIGURATION).estimate(password);
        if (estimate.getBasicScore() < MIN_SCORE) {
            StringBuilder problem = new StringBuilder("This password is too easy to guess.");
            String warning = estimate.getFeedback().getWarning();
            if (warning != null && !warning.isBlank()) {
                problem.append(' ').append(warning);
            }
            List<String> suggestions = estimate.getFeedback().getSuggestion();
            if (suggestions != null) {
                suggestions.forEach(s -> problem.append(' ').append(s));
            }
            return Optional.of(problem.append(" A few unrelated words make a strong password that is easy to remember.")
                    .toString());
        }
        return Optional.empty();
    }

    int commonPasswordCount() {
        return common.size();
    }

    private static Set<String> loadCommonPasswords() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + LIST + " next to PasswordPolicy");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
