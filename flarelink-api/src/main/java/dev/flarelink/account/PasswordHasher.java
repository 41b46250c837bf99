package dev.flarelink.account;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Hashes dashboard passwords with Argon2id (BouncyCastle's implementation, through Spring Security's encoder).
 *
 * <p>Parameters follow OWASP ASVS 5.0 appendix C: t=2 iterations need at least 19 MiB of memory; p=1. The whole
 * password is hashed: nothing is truncated, so a 64-character password is as strong as it looks.
 */
@Component
public class PasswordHasher {

    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, PARALLELISM, MEMORY_KIB, ITERATIONS);

    // A hash of a random password, checked against when the e-mail is unknown so that the answer takes as long
    // as for a real account and timing does not tell which e-mails have accounts. Made as soon as the app is ready
    // (or by the first sign-in that needs it, if one comes sooner) rather than while it starts: a cold Argon2 hash
    // was about a twelfth of the start (issue 24).
    private final SingletonSupplier<String> decoyHash =
            SingletonSupplier.of(() -> encoder.encode("decoy-" + System.nanoTime()));

    @EventListener(ApplicationReadyEvent.class)
    void makeTheDecoy() {
        decoy();
    }

    String decoy() {
        return decoyHash.obtain();
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void burnTimeLikeAVerification(String password) {
        encoder.matches(password, decoy());
    }
}
