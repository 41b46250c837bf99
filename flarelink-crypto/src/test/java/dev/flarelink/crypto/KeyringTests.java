package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyringTests {

    private static final byte[] TOKEN = "a-53-byte-cloudflare-token".getBytes(StandardCharsets.UTF_8);
    private static final AssociatedData AD = AssociatedData.of("cloudflare-token", "user", "42", "connection", "7");

    private final byte[] k1Bytes = KeyMaterialTests.randomKey();
    private final byte[] k2Bytes = KeyMaterialTests.randomKey();
    private final KeyMaterial k1 = KeyMaterial.copyOf(k1Bytes);
    private final KeyMaterial k2 = KeyMaterial.copyOf(k2Bytes);

    @Test
    void rotationAddPromoteReencryptRetire() {
        Keyring before = Keyring.of("k1", k1);
        String underK1 = new AesGcmTokenCipher(before).encrypt(TOKEN, AD);

        // Step 1: add k2 as decrypt-only everywhere; k1 still encrypts.
        Keyring added = before.withKey("k2", k2);
        assertThat(added.primaryKeyId()).isEqualTo("k1");
        assertThat(added.needsReencryption(underK1)).isFalse();

        // Step 2: promote k2. Old data still decrypts; new data is under k2.
        AesGcmTokenCipher promoted = new AesGcmTokenCipher(added.promote("k2"));
        assertThat(promoted.keyring().keyIds()).containsExactly("k2", "k1");
        assertThat(promoted.decrypt(underK1, AD)).isEqualTo(TOKEN);
        assertThat(promoted.needsReencryption(underK1)).isTrue();

        // Step 3: re-encrypt; the result is under k2 and no longer needs work.
        String underK2 = promoted.reencrypt(underK1, AD);
        assertThat(promoted.keyring().keyIdOf(underK2)).isEqualTo("k2");
        assertThat(promoted.needsReencryption(underK2)).isFalse();
        assertThat(promoted.decrypt(underK2, AD)).isEqualTo(TOKEN);

        // Step 4: retire k1. Re-encrypted data decrypts; anything missed fails closed with the key id named.
        AesGcmTokenCipher retired = new AesGcmTokenCipher(promoted.keyring().retire("k1"));
        assertThat(retired.decrypt(underK2, AD)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> retired.decrypt(underK1, AD))
                .isInstanceOfSatisfying(
                        UnknownKeyException.class, e -> assertThat(e.keyId()).isEqualTo("k1"))
                .hasMessageContaining("'k1'");
    }

    @Test
    void reencryptRequiresTheSameAssociatedData() {
        AesGcmTokenCipher cipher =
                new AesGcmTokenCipher(Keyring.of("k1", k1).withKey("k2", k2).promote("k2"));
        String underK1 = new AesGcmTokenCipher(Keyring.of("k1", k1)).encrypt(TOKEN, AD);

        assertThatThrownBy(() -> cipher.reencrypt(underK1, AssociatedData.of("cloudflare-token", "user", "43")))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void refusesToRetireThePrimaryOrDuplicateAnId() {
        Keyring keyring = Keyring.of("k1", k1);

        assertThatThrownBy(() -> keyring.retire("k1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keyring.retire("k9")).isInstanceOf(UnknownKeyException.class);
        assertThatThrownBy(() -> keyring.promote("k9")).isInstanceOf(UnknownKeyException.class);
        assertThatThrownBy(() -> keyring.withKey("k1", k2))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining("already");
        assertThatThrownBy(() -> Keyring.of("k.1", k1)).isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void parsesASingleBareKeyAsK1() {
        Keyring keyring = Keyring.parse(base64(k1Bytes));

        assertThat(keyring.keyIds()).containsExactly("k1");
        assertThat(keyring.primaryKey()).isEqualTo(k1);
    }

    @Test
    void parsesAListWithTheFirstEntryPrimary() {
        Keyring keyring = Keyring.parse(" k2:" + base64(k2Bytes) + ", k1:" + base64(k1Bytes) + " ");

        assertThat(keyring.primaryKeyId()).isEqualTo("k2");
        assertThat(keyring.keyIds()).containsExactly("k2", "k1");
        assertThat(keyring.key("k1")).isEqualTo(k1);
        assertThat(keyring.key("k2")).isEqualTo(k2);
    }

    @Test
    void parsesNewlinesAndCommentsAsInAKeyFile() {
        Keyring keyring = Keyring.parse("# comment\nk2:" + base64(k2Bytes) + "\n\nk1:" + base64(k1Bytes) + "\n");

        assertThat(keyring.keyIds()).containsExactly("k2", "k1");
        assertThat(Keyring.parse(keyring.toSpec()).keyIds()).containsExactly("k2", "k1");
    }

    @Test
    void specErrorsNameTheEntryButNeverTheKey() {
        String good = base64(k1Bytes);
        String shortKey = base64(new byte[16]);

        assertSpecRejected("", "empty");
        assertSpecRejected("k1:" + good + "," + base64(k2Bytes), "entry 2 has no key id");
        assertSpecRejected(good + ":k1", "entry 1 has an invalid key id");
        assertSpecRejected("k1:" + good + ",k2:" + shortKey, "Key 'k2' must decode to 32 bytes");
        assertSpecRejected("k1:" + good + ",k1:" + base64(k2Bytes), "already");
        assertSpecRejected("k1:" + good.replace('A', '!') + "!", "Key 'k1' is not valid base64");
    }

    private void assertSpecRejected(String spec, String expected) {
        assertThatThrownBy(() -> Keyring.parse(spec))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(Secrets.encodings(k1Bytes))
                        .doesNotContain(Secrets.encodings(k2Bytes)));
    }

    @Test
    void toStringShowsKeyIdsOnly() {
        Keyring keyring = Keyring.of("k2", k2).withKey("k1", k1);

        assertThat(keyring).hasToString("Keyring[primary=k2, keys=[k2, k1]]");
        assertThat(keyring.toString())
                .doesNotContain(Secrets.encodings(k1Bytes))
                .doesNotContain(Secrets.encodings(k2Bytes));
    }

    @Test
    void exceptionMessagesNeverContainKeyOrPlaintext() {
        AesGcmTokenCipher cipher = new AesGcmTokenCipher(Keyring.of("k1", k1));
        String text = cipher.encrypt(TOKEN, AD);
        AesGcmTokenCipher wrongKey = new AesGcmTokenCipher(Keyring.of("k1", k2));
        AesGcmTokenCipher noKey = new AesGcmTokenCipher(Keyring.of("k2", k2));

        for (Throwable failure : new Throwable[] {
            catchFailure(() -> wrongKey.decrypt(text, AD)),
            catchFailure(() -> noKey.decrypt(text, AD)),
            catchFailure(() -> cipher.decrypt(text.substring(0, 20), AD)),
            catchFailure(() -> Keyring.parse("k1:" + base64(k1Bytes).substring(1)))
        }) {
            assertThat(failure).isInstanceOf(CryptoException.class);
            assertThat(failure.toString())
                    .doesNotContain(Secrets.encodings(k1Bytes))
                    .doesNotContain(Secrets.encodings(k2Bytes))
                    .doesNotContain(new String(TOKEN, StandardCharsets.UTF_8))
                    .doesNotContain(text.substring(9));
        }
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
