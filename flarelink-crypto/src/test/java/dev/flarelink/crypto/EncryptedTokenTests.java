package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncryptedTokenTests {

    private static final byte[] PAYLOAD = new byte[12 + 53 + 16];

    @Test
    void formatsAndParsesTheV1Text() {
        EncryptedToken token = EncryptedToken.of("k7", PAYLOAD);

        assertThat(token.asText()).startsWith("v1.k7.").hasSize(6 + 108);
        EncryptedToken parsed = EncryptedToken.parse(token.asText());
        assertThat(parsed).isEqualTo(token);
        assertThat(parsed.keyId()).isEqualTo("k7");
        assertThat(parsed.version()).isEqualTo("v1");
        assertThat(parsed.nonce()).hasSize(12);
        assertThat(parsed.ciphertextWithTag()).hasSize(53 + 16);
    }

    @Test
    void rejectsEveryMalformedShape() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(PAYLOAD);

        assertMalformed("", "expected v1.<keyId>.<payload>");
        assertMalformed("v1.k1", "expected v1.<keyId>.<payload>");
        assertMalformed("v2.k1." + payload, "unsupported version");
        assertMalformed("v1.." + payload, "invalid key id");
        assertMalformed("v1.k:1." + payload, "invalid key id");
        assertMalformed("v1.k1." + payload + "=", "not base64url");
        assertMalformed("v1.k1." + Base64.getEncoder().encodeToString(new byte[40]), "canonical");
        assertMalformed("v1.k1.AAAA", "shorter than nonce and tag");
    }

    /** Base64 leaves spare bits in the last character; a text that only differs there must not parse. */
    @Test
    void rejectsNonCanonicalTrailingBits() {
        String canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[29]);
        String lastCharChanged = canonical.substring(0, canonical.length() - 1) + "B";

        assertThat(Base64.getUrlDecoder().decode(lastCharChanged)).isEqualTo(new byte[29]);
        assertMalformed("v1.k1." + lastCharChanged, "canonical");
    }

    @Test
    void toStringOmitsTheCiphertext() {
        assertThat(EncryptedToken.of("k1", PAYLOAD)).hasToString("EncryptedToken[v1, keyId=k1, 81 bytes]");
    }

    private static void assertMalformed(String text, String reason) {
        assertThatThrownBy(() -> EncryptedToken.parse(text))
                .isInstanceOf(MalformedCiphertextException.class)
                .hasMessageContaining(reason);
    }
}
