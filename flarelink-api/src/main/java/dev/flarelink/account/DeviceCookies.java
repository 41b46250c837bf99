package dev.flarelink.account;

import dev.flarelink.crypto.Keyring;
import dev.flarelink.crypto.MacKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Issues and checks device cookies: {@code ACCOUNT_ID.NONCE.SIGNATURE}, signed with an HMAC key derived from the
 * master key, so a cookie cannot be forged or moved to another account by anyone without that key. A browser gets one
 * each time it signs in successfully; {@link SignInThrottle} gives it an allowance of its own.
 *
 * <p>The key follows the primary master key: after a rotation, older cookies are simply untrusted until the browser
 * signs in again.
 */
@Component
public class DeviceCookies {

    /** The cookie's name; HttpOnly, SameSite=Lax, Secure over HTTPS, kept {@link #MAX_AGE_DAYS} days. */
    public static final String COOKIE_NAME = "flarelink-device";

    public static final int MAX_AGE_DAYS = 180;

    private static final String PURPOSE = "flarelink/device-cookie/v1";

    private final MacKey key;
    private final SecureRandom random = new SecureRandom();

    DeviceCookies(Keyring keyring) {
        this.key = MacKey.derive(keyring, PURPOSE);
    }

    /** A new cookie value for a browser that has just signed in to the account. */
    public String issue(UUID accountId) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload =
                accountId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        return payload + "." + key.sign(payload);
    }

    /** The cookie's nonce when it is a genuine cookie for that account; empty for anything else. */
    Optional<String> nonceFor(@Nullable String cookie, UUID accountId) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(accountId.toString())) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        return key.verify(payload, parts[2]) ? Optional.of(parts[1]) : Optional.empty();
    }
}
