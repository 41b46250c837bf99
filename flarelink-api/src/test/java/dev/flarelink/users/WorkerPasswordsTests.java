package dev.flarelink.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Hashes in the auth Worker's format, checked against one the Worker's algorithm made (WebCrypto, UTF-8). */
class WorkerPasswordsTests {

    /** PBKDF2-HMAC-SHA256 of "pässwörd 🔑", salt 00..0f, 100,000 iterations, computed by Node's crypto. */
    private static final String FROM_THE_WORKER =
            "pbkdf2-sha256$100000$AAECAwQFBgcICQoLDA0ODw==$0wG35Dw1hrE+uNoBebMDowx9UyUA3+v3fTbxqicx5CM=";

    @Test
    void verifiesAHashMadeTheWayTheWorkerMakesThem() {
        assertThat(WorkerPasswords.verify(FROM_THE_WORKER, "pässwörd 🔑")).isTrue();
        assertThat(WorkerPasswords.verify(FROM_THE_WORKER, "passwörd 🔑")).isFalse();
    }

    @Test
    void hashesInTheWorkersFormatWithAFreshSalt() {
        SecureRandom random = new SecureRandom();
        String first = WorkerPasswords.hash("a temporary secret", random);
        String second = WorkerPasswords.hash("a temporary secret", random);

        assertThat(first).matches("pbkdf2-sha256\\$100000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=");
        assertThat(first).isNotEqualTo(second);
        assertThat(WorkerPasswords.verify(first, "a temporary secret")).isTrue();
    }

    @Test
    void generatedPasswordsAvoidLookAlikes() {
        String generated = WorkerPasswords.generate(new SecureRandom());
        assertThat(generated).hasSize(20).doesNotContainAnyWhitespaces().matches("[^0O1lI]+");
    }

    @Test
    void bansAreEnforcedFromWorker040() {
        assertThat(AuthProject.compareVersions("0.4.0", "0.4.0")).isZero();
        assertThat(AuthProject.compareVersions("0.3.9", "0.4.0")).isNegative();
        assertThat(AuthProject.compareVersions("0.10.0", "0.4.0")).isPositive();
        assertThat(AuthProject.compareVersions("1.0.0-beta", "0.4.0")).isPositive();
    }
}
