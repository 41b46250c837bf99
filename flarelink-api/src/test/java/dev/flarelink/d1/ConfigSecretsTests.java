package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which flarelink_config rows are secrets, and how they show. */
class ConfigSecretsTests {

    @Test
    void knowsTheWorkersSecretsAndTheAuthenticationSettingsOnes() {
        assertThat(ConfigSecrets.isSecretKey("BETTER_AUTH_SECRET")).isTrue();
        assertThat(ConfigSecrets.isSecretKey("R2_SECRET_ACCESS_KEY")).isTrue();
        assertThat(ConfigSecrets.isSecretKey("RESEND_API_KEY")).isTrue();
        assertThat(ConfigSecrets.isSecretKey("GITHUB_CLIENT_SECRET")).isTrue();
        assertThat(ConfigSecrets.isSecretKey("SMTP_PASSWORD")).isTrue();
        assertThat(ConfigSecrets.isSecretKey("R2_ACCESS_KEY_ID")).isFalse();
        assertThat(ConfigSecrets.isSecretKey("TRUSTED_ORIGINS")).isFalse();
        assertThat(ConfigSecrets.isSecretKey(42L)).isFalse();
    }

    @Test
    void showsThatASecretIsSetAndItsLastFourOnlyWhenLongEnough() {
        assertThat(ConfigSecrets.mask("0123456789abcdef1a2b")).isEqualTo("set, ends …1a2b");
        assertThat(ConfigSecrets.mask("short")).isEqualTo("set");
    }

    @Test
    void masksOnlyTheValueOfASecretRowOfTheConfigTable() {
        Map<String, @Nullable Object> secret = new HashMap<>();
        secret.put("key", "BETTER_AUTH_SECRET");
        secret.put("value", "0123456789abcdef0123456789abcdef");
        assertThat(ConfigSecrets.maskRow("flarelink_config", secret))
                .containsEntry("key", "BETTER_AUTH_SECRET")
                .containsEntry("value", "set, ends …cdef");
        assertThat(ConfigSecrets.maskRow("other_table", secret)).isSameAs(secret);
        Map<String, @Nullable Object> plain = new HashMap<>(Map.of("key", "TRUSTED_ORIGINS", "value", "https://a"));
        assertThat(ConfigSecrets.maskRow("flarelink_config", plain)).isSameAs(plain);
    }
}
