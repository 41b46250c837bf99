package dev.flarelink.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which origins the CORS editor accepts, and how a wildcard pattern matches. */
class CorsOriginsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://app.example.com",
                "http://localhost:5173",
                "HTTPS://App.Example.com",
                "*",
                "https://*.example.com",
                "http://127.0.0.1:8080"
            })
    void acceptsOriginsAsBrowsersSendThem(String origin) {
        assertThat(CorsOrigins.check(origin, "origins", true)).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "app.example.com",
                "https://app.example.com/",
                "https://a.example/x?y",
                "ws://a.example",
                "https://a.*.example.com",
                "https://*example.com",
                "https://example.com:*",
                "https://*.example.com/x",
                "https://exa mple.com",
                "https://",
                "https://-bad.example"
            })
    void refusesOriginsThatCanNeverMatch(String origin) {
        assertThatThrownBy(() -> CorsOrigins.check(origin, "origins", true))
                .isInstanceOf(FilesProblemException.class)
                .hasMessageContaining("is not a valid origin");
    }

    @Test
    void theLiveCheckTakesOnlyAConcreteOrigin() {
        assertThatThrownBy(() -> CorsOrigins.check("*", "origin", false)).isInstanceOf(FilesProblemException.class);
        assertThatThrownBy(() -> CorsOrigins.check("https://*.example.com", "origin", false))
                .hasMessageContaining("without wildcards");
    }

    @Test
    void aSubdomainWildcardMatchesSubdomainsOnly() {
        assertThat(CorsOrigins.admits("https://*.example.com", "https://app.example.com"))
                .isTrue();
        assertThat(CorsOrigins.admits("https://*.example.com", "https://a.b.example.com"))
                .isTrue();
        assertThat(CorsOrigins.admits("https://*.example.com", "https://example.com"))
                .isFalse();
        assertThat(CorsOrigins.admits("https://*.example.com", "http://app.example.com"))
                .isFalse();
        assertThat(CorsOrigins.admits("https://*.example.com", "https://app.example.com.evil.test"))
                .isFalse();
        assertThat(CorsOrigins.admits("https://app.example.com", "https://APP.example.com"))
                .isTrue();
    }

    @Test
    void linesAreTrimmedDeduplicatedAndNeverEmpty() {
        assertThat(CorsOrigins.parseLines(" https://a.example \n\nhttps://a.example\r\nhttps://b.example", "o", false))
                .containsExactly("https://a.example", "https://b.example");
        assertThatThrownBy(() -> CorsOrigins.parseLines("  \n ", "o", false)).hasMessageContaining("at least one");
    }
}
