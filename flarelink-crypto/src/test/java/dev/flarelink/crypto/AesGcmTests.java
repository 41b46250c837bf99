package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.crypto.WycheproofVectors.Vector;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Wycheproof AES-GCM vector (all key, IV and tag sizes in the file) through the raw primitive: valid ones
 * must encrypt to exactly ct||tag and decrypt back, invalid ones must be refused.
 */
class AesGcmTests {

    private static List<Vector> vectors;

    @BeforeAll
    static void loadVectors() {
        WycheproofVectors.VectorFile file = WycheproofVectors.load();
        assertThat(file.numberOfTests()).isEqualTo(316);
        vectors = file.vectors();
    }

    @Test
    void vectorFileHasTheDocumentedCounts() {
        assertThat(vectors).hasSize(316);
        assertThat(vectors).filteredOn(Vector::valid).hasSize(229);
        assertThat(vectors).filteredOn(Vector::invalid).hasSize(87);
        assertThat(vectors).allMatch(v -> v.valid() || v.invalid(), "only valid/invalid results");
        assertThat(vectors).filteredOn(Vector::flarelinkParameters).hasSize(66);
    }

    @TestFactory
    Stream<DynamicTest> validVectorsEncryptToExactCiphertextAndDecrypt() {
        return vectors.stream()
                .filter(Vector::valid)
                .map(v -> DynamicTest.dynamicTest(v.toString(), () -> {
                    AesGcm gcm = new AesGcm(v.key());
                    assertThat(gcm.encrypt(v.iv(), v.msg(), v.aad())).isEqualTo(v.ctAndTag());
                    // The second and third calls re-use the pooled, already keyed instance.
                    assertThat(gcm.decrypt(v.iv(), v.ctAndTag(), v.aad())).isEqualTo(v.msg());
                    assertThat(gcm.decrypt(v.iv(), v.ctAndTag(), v.aad())).isEqualTo(v.msg());
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidVectorsAreRejected() {
        return vectors.stream()
                .filter(Vector::invalid)
                .map(v -> DynamicTest.dynamicTest(v.toString(), () -> assertRejected(v)));
    }

    /**
     * A tampered tag must fail authentication. The only parameters BouncyCastle refuses outright are the empty IV
     * (CVE-2017-7822 vectors), which also counts as rejection per the vector README.
     */
    private static void assertRejected(Vector v) {
        AesGcm gcm = new AesGcm(v.key());
        if (v.ivSize() == 0) {
            assertThatThrownBy(() -> gcm.decrypt(v.iv(), v.ctAndTag(), v.aad()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IV");
            return;
        }
        assertThatThrownBy(() -> gcm.decrypt(v.iv(), v.ctAndTag(), v.aad()))
                .isInstanceOf(InvalidCipherTextException.class);
        // A pooled instance (keyed by an earlier encryption) rejects it too.
        gcm.encrypt(new byte[] {1}, new byte[0], new byte[0]);
        assertThatThrownBy(() -> gcm.decrypt(v.iv(), v.ctAndTag(), v.aad()))
                .isInstanceOf(InvalidCipherTextException.class);
    }

    @Test
    void everyIvSizeInTheFileIsExercised() {
        assertThat(vectors.stream().map(Vector::ivSize).distinct().sorted())
                .containsExactly(0, 8, 16, 32, 48, 64, 80, 96, 120, 128, 160, 256, 512, 1024, 2056);
        assertThat(vectors.stream().map(Vector::keySize).distinct().sorted()).containsExactly(128, 192, 256);
    }

    @Test
    void rejectsCiphertextShorterThanTheTag() {
        byte[] key = new byte[32];
        assertThatThrownBy(() -> new AesGcm(key).decrypt(new byte[12], new byte[15], new byte[0]))
                .isInstanceOf(InvalidCipherTextException.class);
    }
}
