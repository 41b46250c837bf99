package dev.flarelink.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectRulesTests {

    @Test
    void normalisesOriginsDropsDuplicatesAndKeepsPorts() {
        ProjectRules.ValidInput input = ProjectRules.validate(
                " my-app ", "HTTPS://App.Example.com/\n\nhttp://localhost:3000\nhttps://app.example.com", " ");

        assertThat(input.name()).isEqualTo("my-app");
        assertThat(input.origins()).containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(input.r2Bucket()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"My-App", "-app", "app-", "a_b", "", "abcdefghijklmnopqrstuvwxyz0123456"})
    void rejectsNamesThatWouldMakeInvalidResourceNames(String name) {
        assertThatThrownBy(() -> ProjectRules.validate(name, "https://a.example.com", null))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("name"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "app.example.com",
                "https://app.example.com/path",
                "ftp://app.example.com",
                "https://user@app.example.com",
                "https://app.example.com?x=1",
                "https://app.example.com#top",
                "   "
            })
    void rejectsAnythingButSchemeHostAndPort(String origin) {
        assertThatThrownBy(() -> ProjectRules.validate("app", origin, null))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("trustedOrigins"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ab",
                "Files",
                "-files",
                "files-",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "my_files"
            })
    void rejectsBucketNamesR2Refuses(String bucket) {
        assertThatThrownBy(() -> ProjectRules.validate("app", "https://a.example.com", bucket))
                .isInstanceOfSatisfying(
                        ProjectInputException.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("r2Bucket"));
    }

    @Test
    void derivesResourceNamesFromTheProjectName() {
        assertThat(ResourceNames.worker("shop")).isEqualTo("flarelink-shop-auth");
        assertThat(ResourceNames.database("shop")).isEqualTo("flarelink-shop-auth-db");
        assertThat(ResourceNames.kvNamespace("shop")).isEqualTo("flarelink-shop-sessions");
    }
}
