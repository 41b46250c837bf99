package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyMaterialTests {

    private final byte[] bytes = randomKey();

    @Test
    void copiesOnTheWayInAndOut() {
        KeyMaterial key = KeyMaterial.copyOf(bytes);
        bytes[0] ^= 1;
        byte[] out = key.copyBytes();

        assertThat(out).isNotEqualTo(bytes);
        out[1] ^= 1;
        assertThat(key.copyBytes()).isNotEqualTo(out);
    }

    @Test
    void equalityComparesTheBytes() {
        assertThat(KeyMaterial.copyOf(bytes)).isEqualTo(KeyMaterial.copyOf(bytes.clone()));
        byte[] other = bytes.clone();
        other[31] ^= 1;
        assertThat(KeyMaterial.copyOf(bytes)).isNotEqualTo(KeyMaterial.copyOf(other));
        assertThat(KeyMaterial.copyOf(bytes).hashCode())
                .isEqualTo(KeyMaterial.copyOf(other).hashCode());
    }

    @Test
    void toStringNeverShowsTheKey() {
        KeyMaterial key = KeyMaterial.copyOf(bytes);

        assertThat(key.toString()).isEqualTo("KeyMaterial[AES-256, redacted]");
        assertThat(key.toString()).doesNotContain(Secrets.encodings(bytes));
    }

    @Test
    void rejectsWrongLengths() {
        assertThatThrownBy(() -> KeyMaterial.copyOf(new byte[16]))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("got 16");
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> KeyMaterial.fromBase64("k1", shortKey))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessage("Key 'k1' must decode to 32 bytes (256 bits), got 31 bytes");
    }

    @Test
    void badBase64MessageDoesNotQuoteTheKey() {
        String almostKey = Base64.getEncoder().encodeToString(bytes).replace('A', '*') + "*";

        assertThatThrownBy(() -> KeyMaterial.fromBase64("k1", almostKey))
                .isInstanceOf(InvalidKeyMaterialException.class)
                .hasMessage("Key 'k1' is not valid base64")
                .hasNoCause();
    }

    @Test
    void acceptsStandardAndUrlSafeBase64() {
        KeyMaterial key = KeyMaterial.copyOf(bytes);

        assertThat(KeyMaterial.fromBase64("k1", Base64.getEncoder().encodeToString(bytes)))
                .isEqualTo(key);
        assertThat(KeyMaterial.fromBase64(
                        "k1", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isEqualTo(key);
        assertThat(KeyMaterial.fromBase64("k1", " " + key.toBase64() + "\n")).isEqualTo(key);
    }

    @Test
    void destroyWipesTheKey() {
        KeyMaterial key = KeyMaterial.copyOf(bytes);
        key.destroy();

        assertThat(key.isDestroyed()).isTrue();
        assertThat(key).isEqualTo(KeyMaterial.copyOf(new byte[32]));
        assertThatThrownBy(key::copyBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void generatesDistinctKeys() {
        SecureRandom random = new SecureRandom();

        assertThat(KeyMaterial.generate(random)).isNotEqualTo(KeyMaterial.generate(random));
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
