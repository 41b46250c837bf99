package dev.flarelink.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTests {

    @Test
    void aKeyIsFlkAnd32RandomBytesInHexAndItsShownPrefixIsTwelveCharacters() {
        String key = ApiKeySecrets.generate();
        assertThat(key).matches("flk_[0-9a-f]{64}");
        assertThat(ApiKeySecrets.wellFormed(key)).isTrue();
        assertThat(ApiKeySecrets.shownPrefix(key)).hasSize(12).isEqualTo(key.substring(0, 12));
    }

    @Test
    void onlyTheKeysShapeIsLookedUp() {
        assertThat(ApiKeySecrets.wellFormed("flk_" + "A".repeat(64))).isFalse();
        assertThat(ApiKeySecrets.wellFormed("flk_" + "a".repeat(63))).isFalse();
        assertThat(ApiKeySecrets.wellFormed("flk_" + "a".repeat(64) + "\n")).isFalse();
        assertThat(ApiKeySecrets.wellFormed("cfut_whatever")).isFalse();
    }

    @Test
    void theStoredHashIsTheSha256OfTheWholeKey() {
        // sha256("flk_" + 64 zeros), computed independently with sha256sum.
        assertThat(ApiKeySecrets.sha256("flk_" + "0".repeat(64)))
                .isEqualTo(EXPECTED_ZERO_KEY_SHA256)
                .doesNotContain("0".repeat(64));
    }

    @Test
    void tenThousandKeysAreAllDifferentAndSoAreTheirHashes() {
        Set<String> keys = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String key = ApiKeySecrets.generate();
            keys.add(key);
            hashes.add(ApiKeySecrets.sha256(key));
        }
        assertThat(keys).hasSize(10_000);
        assertThat(hashes).hasSize(10_000);
    }

    private static final String EXPECTED_ZERO_KEY_SHA256 =
            "b29df41c8c1f2de23c3d0183de04e9433f07db640f2753475763d3e8020fe97a";
}
