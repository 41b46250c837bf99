package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.crypto.WycheproofVectors.Vector;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class AesGcmTokenCipherTests {

    private static final byte[] TOKEN =
            "cf-token-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG".getBytes(StandardCharsets.UTF_8);
    private static final AssociatedData AD = AssociatedData.of("cloudflare-token", "user", "u-1", "connection", "c-1");

    private static List<Vector> flarelinkVectors;

    private final Keyring keyring = Keyring.of("k1", KeyMaterial.generate(new SecureRandom()));
    private final AesGcmTokenCipher cipher = new AesGcmTokenCipher(keyring);

    @BeforeAll
    static void loadVectors() {
        flarelinkVectors = WycheproofVectors.load().vectors().stream()
                .filter(Vector::flarelinkParameters)
                .toList();
        assertThat(flarelinkVectors).hasSize(66);
        assertThat(flarelinkVectors).filteredOn(Vector::valid).hasSize(39);
        assertThat(flarelinkVectors).filteredOn(Vector::invalid).hasSize(27);
    }

    /**
     * G1: each 256/96/128 vector goes through the public {@code decrypt(String, AssociatedData)} path: real text
     * parsing, key lookup, nonce split and tag check. The only substitution is the AAD binding, which returns the
     * vector's raw AAD instead of header plus associated data (a vector has no Flarelink header).
     */
    @TestFactory
    Stream<DynamicTest> wycheproofVectorsDecryptThroughThePublicApi() {
        return flarelinkVectors.stream()
                .map(v -> DynamicTest.dynamicTest(v.toString(), () -> {
                    TokenCipher vectorCipher = vectorCipher(v, new SecureRandom());
                    String text = EncryptedToken.of("wp", concat(v.iv(), v.ctAndTag()))
                            .asText();
                    AssociatedData ad = AssociatedData.of("wycheproof", "tcId", Integer.toString(v.tcId()));
                    if (v.valid()) {
                        assertThat(vectorCipher.decrypt(text, ad)).isEqualTo(v.msg());
                        return;
                    }
                    assertThatThrownBy(() -> vectorCipher.decrypt(text, ad))
                            .isInstanceOf(AuthenticationFailedException.class);
                }));
    }

    /** Valid vectors also encrypt to the exact token text through the public API when the nonce source replays the IV. */
    @TestFactory
    Stream<DynamicTest> validWycheproofVectorsEncryptThroughThePublicApi() {
        return flarelinkVectors.stream()
                .filter(Vector::valid)
                .map(v -> DynamicTest.dynamicTest(v.toString(), () -> {
                    TokenCipher vectorCipher = vectorCipher(v, FixedRandom.replaying(v.iv()));
                    String expected = EncryptedToken.of("wp", concat(v.iv(), v.ctAndTag()))
                            .asText();
                    assertThat(vectorCipher.encrypt(v.msg(), AssociatedData.of("wycheproof")))
                            .isEqualTo(expected);
                }));
    }

    private static TokenCipher vectorCipher(Vector v, SecureRandom random) {
        Keyring vectorKeys = Keyring.of("wp", KeyMaterial.copyOf(v.key()));
        return new AesGcmTokenCipher(vectorKeys, random, (header, ad) -> v.aad());
    }

    @Test
    void roundTripsAndProducesTheV1Format() {
        String text = cipher.encrypt(TOKEN, AD);

        assertThat(text).matches("v1\\.k1\\.[A-Za-z0-9_-]+");
        assertThat(EncryptedToken.parse(text).ciphertextWithTag()).hasSize(TOKEN.length + 16);
        assertThat(cipher.decrypt(text, AD)).isEqualTo(TOKEN);
        assertThat(cipher.decrypt(EncryptedToken.parse(text), AD)).isEqualTo(TOKEN);
    }

    @Test
    void bindsTheHeaderAndAssociatedDataIntoTheGcmAad() {
        byte[] aad = AesGcmTokenCipher.HEADER_AND_ASSOCIATED_DATA.aad("v1.k1", AD);

        assertThat(aad).startsWith(0, 0, 0, 5, 'v', '1', '.', 'k', '1');
        assertThat(aad).endsWith(AD.canonicalBytes());
    }

    @Test
    void sameKeyUnderAnotherIdDoesNotDecrypt() {
        KeyMaterial key = KeyMaterial.generate(new SecureRandom());
        String underK1 = new AesGcmTokenCipher(Keyring.of("k1", key)).encrypt(TOKEN, AD);
        String relabelled = underK1.replaceFirst("^v1\\.k1\\.", "v1.k9.");
        AesGcmTokenCipher both = new AesGcmTokenCipher(Keyring.of("k1", key).withKey("k9", key));

        assertThat(both.decrypt(underK1, AD)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> both.decrypt(relabelled, AD))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("ciphertext was altered, or associated data / key differs");
    }

    @Test
    void wrongKeyFailsAuthentication() {
        String text = cipher.encrypt(TOKEN, AD);
        AesGcmTokenCipher other = new AesGcmTokenCipher(Keyring.of("k1", KeyMaterial.generate(new SecureRandom())));

        assertThatThrownBy(() -> other.decrypt(text, AD)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void malformedTextIsReportedAsSuch() {
        assertThatThrownBy(() -> cipher.decrypt("not a token", AD)).isInstanceOf(MalformedCiphertextException.class);
        assertThatThrownBy(() -> cipher.decrypt("v2.k1.AAAA", AD))
                .isInstanceOf(MalformedCiphertextException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> cipher.decrypt("v1.k1.AAAA", AD))
                .isInstanceOf(MalformedCiphertextException.class)
                .hasMessageContaining("shorter");
    }

    @Test
    void nonceIsTwelveFreshBytesFromTheSecureRandomOnEveryWrite() {
        FixedRandom recording = FixedRandom.recording();
        AesGcmTokenCipher recorded = new AesGcmTokenCipher(keyring, recording);

        String first = recorded.encrypt(TOKEN, AD);
        String second = recorded.encrypt(TOKEN, AD);
        String updated = recorded.reencrypt(first, AD);

        assertThat(recording.outputs())
                .hasSize(3)
                .allSatisfy(nonce -> assertThat(nonce).hasSize(12));
        assertThat(EncryptedToken.parse(first).nonce())
                .isEqualTo(recording.outputs().get(0));
        assertThat(EncryptedToken.parse(second).nonce())
                .isEqualTo(recording.outputs().get(1));
        assertThat(EncryptedToken.parse(updated).nonce())
                .isEqualTo(recording.outputs().get(2));
        assertThat(List.of(first, second, updated)).doesNotHaveDuplicates();
    }

    /** G3: 2^20 encryptions, no nonce repeats. Nonces are packed into arrays (about 20 MB) rather than a set of objects. */
    @Test
    void noNonceRepeatsInTwoToTheTwentyEncryptions() {
        int count = 1 << 20;
        byte[] nonces = new byte[count * 12];
        long[] prefixes = new long[count];
        byte[] plaintext = new byte[1];
        for (int i = 0; i < count; i++) {
            byte[] nonce = EncryptedToken.parse(cipher.encrypt(plaintext, AD)).nonce();
            System.arraycopy(nonce, 0, nonces, i * 12, 12);
            prefixes[i] = ByteBuffer.wrap(nonce).getLong();
        }
        assertThat(NonceSet.duplicates(nonces, prefixes)).isZero();
    }

    /** Pooled BouncyCastle instances are shared across threads; interleaved use must never mix state. */
    @Test
    void concurrentUseFromManyThreadsRoundTrips() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AssociatedData ad = AssociatedData.of("cloudflare-token", "user", "u-" + t);
                results.add(pool.submit(() -> roundTrips(ad, 2_000)));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int roundTrips(AssociatedData ad, int count) {
        int ok = 0;
        for (int i = 0; i < count; i++) {
            byte[] plaintext = ("token-" + i + ad).getBytes(StandardCharsets.UTF_8);
            String text = cipher.encrypt(plaintext, ad);
            if (Arrays.equals(cipher.decrypt(text, ad), plaintext)) {
                ok++;
            }
            if (i % 100 == 0) {
                assertThatThrownBy(() -> cipher.decrypt(text, AD)).isInstanceOf(AuthenticationFailedException.class);
            }
        }
        return ok;
    }

    @Test
    void toStringNamesTheKeyIdsOnly() {
        assertThat(cipher).hasToString("AesGcmTokenCipher[Keyring[primary=k1, keys=[k1]]]");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
