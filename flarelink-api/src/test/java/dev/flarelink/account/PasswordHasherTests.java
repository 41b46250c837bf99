package dev.flarelink.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTests {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAtTheAsvsParameters() {
        String hash = hasher.hash("correct horse battery staple");

        // PHC string: algorithm, version 19 (0x13), memory in KiB, iterations, parallelism.
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(19456).isGreaterThanOrEqualTo(19 * 1024);
    }

    @Test
    void theDecoyForUnknownEmailsIsARealHashAtTheSameParametersMadeOnce() {
        // Made on first need when a sign-in comes before the app is ready; it must cost what a real verification
        // costs, so it is an Argon2id hash at the same parameters, and it is made once, not per sign-in.
        String decoy = hasher.decoy();

        assertThat(decoy).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.decoy()).isSameAs(decoy);
        hasher.makeTheDecoy();
        assertThat(hasher.decoy()).isSameAs(decoy);
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("correct horse battery staple"))
                .isNotEqualTo(hasher.hash("correct horse battery staple"));
    }

    @Test
    void verifiesA64CharacterPasswordWithoutTruncating() {
        String password = "a".repeat(63) + "Z";
        String hash = hasher.hash(password);

        assertThat(hasher.matches(password, hash)).isTrue();
        assertThat(hasher.matches("a".repeat(63) + "Y", hash)).isFalse();
        assertThat(hasher.matches("a".repeat(63), hash)).isFalse();
    }

    @Test
    void verifiesLongMultibytePasswords() {
        // 64 characters of 3 UTF-8 bytes each: 192 bytes, beyond bcrypt's 72-byte limit.
        String password = "密".repeat(63) + "码";
        String hash = hasher.hash(password);

        assertThat(hasher.matches(password, hash)).isTrue();
        assertThat(hasher.matches("密".repeat(64), hash)).isFalse();
    }

    @Test
    void rejectsWrongPassword() {
        assertThat(hasher.matches("wrong password here", hasher.hash("correct horse battery staple")))
                .isFalse();
    }
}
