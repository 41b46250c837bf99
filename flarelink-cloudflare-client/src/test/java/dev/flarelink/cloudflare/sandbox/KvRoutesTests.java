package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KvRoutesTests extends SandboxFixture {

    String ns;

    @BeforeEach
    void createNamespace() {
        ns = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "sessions"))
                .result()
                .path("id")
                .asString();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void rejectsADuplicateTitleWith10014() {
        Http.Reply duplicate = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "sessions"));

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo(10014);
        assertThat(api.get(accounts("/storage/kv/namespaces"), token.value())
                        .result()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void storesRawValuesAndReturnsTheExactBytes() {
        byte[] value = {0, 1, 2, (byte) 0xfe, 'k'};
        put("a/b?c#d%", value, "");

        Http.Reply read = api.get(values("a/b?c#d%"), token.value());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(value);
        assertThat(api.get(keysPath(""), token.value())
                        .result()
                        .path(0)
                        .path("name")
                        .asString())
                .isEqualTo("a/b?c#d%");
        assertThat(api.delete(values("a/b?c#d%"), token.value()).status()).isEqualTo(200);
        Http.Reply missing = api.get(values("a/b?c#d%"), token.value());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(10009);
    }

    @Test
    void refusesTtlsBelowSixtySecondsAndExpiresKeysOnTheClock() {
        Http.Reply tooShort = put("k", bytes("v"), "?expiration_ttl=59");
        Http.Reply pastExpiry = put("k", bytes("v"), "?expiration=" + (clock.millis() / 1000 + 30));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.errorCode()).isEqualTo(10019);
        assertThat(tooShort.json().path("errors").path(0).path("message").asString())
                .isEqualTo("Invalid expiration_ttl of 59. Expiration TTL must be at least 60.");
        assertThat(pastExpiry.errorCode()).isEqualTo(10019);

        assertThat(put("k", bytes("v"), "?expiration_ttl=60").status()).isEqualTo(200);
        Http.Reply read = api.get(values("k"), token.value());
        assertThat(read.header("expiration")).isEqualTo(String.valueOf(clock.millis() / 1000 + 60));
        assertThat(api.get(keysPath(""), token.value())
                        .result()
                        .path(0)
                        .path("expiration")
                        .asLong())
                .isEqualTo(clock.millis() / 1000 + 60);

        clock.advance(Duration.ofSeconds(61));

        assertThat(api.get(values("k"), token.value()).errorCode()).isEqualTo(10009);
        assertThat(api.get(keysPath(""), token.value()).result().size()).isZero();
    }

    @Test
    void pagesKeysWithACursorThatEndsEmpty() {
        for (int i = 0; i < 25; i++) {
            put(String.format("user:%02d", i), bytes("v" + i), "");
        }
        put("other", bytes("x"), "");

        List<String> names = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Http.Reply page = api.get(
                    keysPath("?prefix=user:&limit=10" + (cursor.isEmpty() ? "" : "&cursor=" + cursor)), token.value());
            page.result().forEach(key -> names.add(key.path("name").asString()));
            JsonNode info = page.json().path("result_info");
            assertThat(info.path("count").asInt()).isEqualTo(page.result().size());
            cursor = info.path("cursor").asString();
            pages++;
        } while (!cursor.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(25).doesNotContain("other").isSorted();
    }

    @Test
    void writesMetadataWithMultipartValues() {
        byte[] form = Multipart.write(
                "b",
                List.of(
                        new Multipart.Part("value", null, "", bytes("hello")),
                        new Multipart.Part("metadata", null, "", bytes("{\"role\":\"admin\"}"))));
        api.send("PUT", values("meta"), token.value(), "multipart/form-data; boundary=b", form);

        assertThat(api.get(values("meta"), token.value()).text()).isEqualTo("hello");
        assertThat(api.get(base() + "/metadata/meta", token.value())
                        .result()
                        .path("role")
                        .asString())
                .isEqualTo("admin");
        assertThat(api.get(keysPath(""), token.value())
                        .result()
                        .path(0)
                        .path("metadata")
                        .path("role")
                        .asString())
                .isEqualTo("admin");
    }

    @Test
    void missingNamespaceAnswers404() {
        Http.Reply reply = api.get(accounts("/storage/kv/namespaces/" + "0".repeat(32) + "/keys"), token.value());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("success").asBoolean()).isFalse();
    }

    private Http.Reply put(String key, byte[] value, String query) {
        return api.send("PUT", values(key) + query, token.value(), "application/octet-stream", value);
    }

    private String base() {
        return accounts("/storage/kv/namespaces/" + ns);
    }

    private String values(String key) {
        return base() + "/values/" + PercentCodec.encode(key, false);
    }

    private String keysPath(String query) {
        return base() + "/keys" + query;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
