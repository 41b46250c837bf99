package dev.flarelink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Where passkeys are bound to: localhost by default, the configured https address in production, or no start. */
class PasskeyConfigurationTests {

    private final PasskeyConfiguration configuration = new PasskeyConfiguration();

    @Test
    void withNothingConfiguredPasskeysAreForLocalhostOnTheServersPort() {
        PasskeyConfiguration.RelyingParty party = configuration.passkeyRelyingParty("", new MockEnvironment());
        assertThat(party.id()).isEqualTo("localhost");
        assertThat(party.fromPort()).isTrue();
        assertThat(party.origins()).as("filled in once the server listens").isEmpty();
    }

    @Test
    void aConfiguredAddressGivesTheRelyingPartyIdAndTheOneOrigin() {
        PasskeyConfiguration.RelyingParty party =
                configuration.passkeyRelyingParty("https://Flarelink.Example.com/", production());
        assertThat(party.id()).isEqualTo("flarelink.example.com");
        assertThat(party.origins()).containsExactly("https://flarelink.example.com");
        assertThat(configuration
                        .passkeyRelyingParty("http://localhost:9090", new MockEnvironment())
                        .origins())
                .containsExactly("http://localhost:9090");
    }

    @Test
    void productionRefusesToStartWithoutAnHttpsAddressAndSaysWhatToSet() {
        assertThatThrownBy(() -> configuration.passkeyRelyingParty("", production()))
                .hasMessageContaining("Set FLARELINK_PUBLIC_URL")
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> configuration.passkeyRelyingParty("http://flarelink.example.com", production()))
                .hasMessageContaining("must be the https address");
        assertThatThrownBy(() -> configuration.passkeyRelyingParty("https://localhost", production()))
                .hasMessageContaining("must be the https address");
        assertThatThrownBy(() -> configuration.passkeyRelyingParty("not a url", new MockEnvironment()))
                .hasMessageContaining("FLARELINK_PUBLIC_URL must be an address like");
    }

    private static MockEnvironment production() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("production");
        return environment;
    }
}
