package dev.flarelink.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Decides whether a new password is acceptable: long enough, not absurdly long, not a well-known password and not
 * the account's own e-mail address. No composition rules (ASVS 5.0 V6.2.5): length is what makes a password strong.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    // Generous upper bound (far above the 64 that must work) so that hashing cannot be abused with megabyte inputs.
    public static final int MAX_LENGTH = 256;
    private static final String LIST = "common-passwords.txt";

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
