package dev.flarelink.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTokenTests {

    @Test
    void neverPrintsTheSecret() {
        ApiToken token = ApiToken.of("cfut_SuperSecretValue");

        assertThat(token.toString()).doesNotContain("SuperSecret");
        assertThat(client().withToken(token).toString()).doesNotContain("SuperSecret");
    }

    @Test
    void tellsKindByPrefix() {
        assertThat(ApiToken.of("cfut_x").kind()).isEqualTo(ApiToken.Kind.USER);
        assertThat(ApiToken.of("cfat_x").kind()).isEqualTo(ApiToken.Kind.ACCOUNT);
        assertThat(ApiToken.of("abc").kind()).isEqualTo(ApiToken.Kind.UNKNOWN);
    }

    @Test
    void stripsPastedWhitespaceAndRejectsBlank() {
        assertThat(ApiToken.of("  abc\n").reveal()).isEqualTo("abc");
        assertThatThrownBy(() -> ApiToken.of("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivesTheR2SecretAsSha256HexOfTheValue() {
        // Example from the reference, section 8.8.
        assertThat(ApiToken.of("abc").r2SecretAccessKey())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void fingerprintIsStableAndDoesNotRevealTheValue() {
        ApiToken token = ApiToken.of("cfut_SuperSecretValue");

        assertThat(token.fingerprint())
                .isEqualTo(ApiToken.of("cfut_SuperSecretValue").fingerprint());
        assertThat(token.fingerprint()).isNotEqualTo(ApiToken.of("cfut_Other").fingerprint());
        assertThat(token.fingerprint()).doesNotContain("Secret");
    }

    private static CloudflareClient client() {
        return CloudflareClient.builder()
                .options(CloudflareClientOptions.defaults())
                .build();
    }
}
