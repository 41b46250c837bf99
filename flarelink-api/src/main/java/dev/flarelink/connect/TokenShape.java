package dev.flarelink.connect;

import java.util.regex.Pattern;

/** Checks what was pasted before anything is sent to Cloudflare, so an obvious mistake gets a precise message. */
final class TokenShape {

    // Cloudflare API tokens: 40 characters of [A-Za-z0-9_-], optionally after a cfut_/cfat_ prefix.
    private static final Pattern TOKEN = Pattern.compile("^(cfut_|cfat_)?[A-Za-z0-9_-]{40,120}$");
    // The legacy Global API Key: 37 lower-case hex characters. It gives full access and is refused on purpose.
    private static final Pattern GLOBAL_KEY = Pattern.compile("^[0-9a-f]{37}$");

    private TokenShape() {}

    /** Returns the token trimmed of surrounding white space, or throws with what is wrong. */
    static String check(String pasted) {
        String token = pasted.strip();
        if (token.isEmpty()) {
            throw new ConnectProblemException("Paste your Cloudflare API token.");
        }
        if (GLOBAL_KEY.matcher(token).matches()) {
            throw new ConnectProblemException("That looks like your Global API Key, which can do anything in your "
                    + "account. Flarelink only accepts a scoped API token: create one with the link on this page.");
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new ConnectProblemException(
                    "The token contains spaces or line breaks. Copy it again from Cloudflare, in one piece.");
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new ConnectProblemException("That is not the shape of a Cloudflare API token (40 or more letters, "
                    + "digits, - and _, sometimes starting with cfut_). Copy the token Cloudflare showed once when "
                    + "you created it.");
        }
        return token;
    }

    /** The first characters and last 4: enough to recognise a token, useless to use it. */
    static String fingerprint(String token) {
        String head = token.startsWith("cfut_") || token.startsWith("cfat_") ? token.substring(0, 5) : "";
        return head + "…" + token.substring(token.length() - 4);
    }
}
