package dev.flarelink.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalises and checks the e-mail address an account signs in with. */
public final class EmailAddress {

    // Deliberately permissive: one @, something on both sides, a dot in the domain, no spaces.
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final int MAX_LENGTH = 254;

    private EmailAddress() {}

    /** Trims and lower-cases an address so that sign-up and sign-in agree on one spelling. */
    public static String normalise(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isValid(String normalised) {
        return normalised.length() <= MAX_LENGTH && SHAPE.matcher(normalised).matches();
    }
}
