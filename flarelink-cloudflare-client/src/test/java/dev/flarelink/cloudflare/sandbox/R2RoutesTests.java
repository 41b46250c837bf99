package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class R2RoutesTests extends SandboxFixture {

    static final Object RULES = map(
            "rules",
            List.of(map(
                    "id",
                    "browser-uploads",
                    "allowed",
                    map(
                            "origins",
                            List.of("https://app.example.com"),
                            "methods",
                            List.of("PUT", "GET"),
                            "headers",
                            List.of("content-type")),
                    "exposeHeaders",
                    List.of("ETag"),
                    "maxAgeSeconds",
                    3600)));

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void createsListsAndGetsBuckets() {
        Http.Reply created = api.post(accounts("/r2/buckets"), token.value(), map("name", "app-files"));

        assertThat(created.result().path("name").asString()).isEqualTo("app-files");
        assertThat(created.result().has("creation_date")).isTrue();
        Http.Reply list = api.get(accounts("/r2/buckets"), token.value());
        assertThat(list.result().path("buckets").path(0).path("name").asString())
                .isEqualTo("app-files");
        assertThat(list.json().path("result_info").has("cursor")).isTrue();
        assertThat(api.get(accounts("/r2/buckets/app-files"), token.value()).status())
                .isEqualTo(200);
        Http.Reply missing = api.get(accounts("/r2/buckets/nope"), token.value());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(10006);
    }

    @Test
    void enforcesNameRulesAndUniqueness() {
        api.post(accounts("/r2/buckets"), token.value(), map("name", "app-files"));

        Http.Reply duplicate = api.post(accounts("/r2/buckets"), token.value(), map("name", "app-files"));
        Http.Reply upper = api.post(accounts("/r2/buckets"), token.value(), map("name", "App_Files"));
        Http.Reply shortName = api.post(accounts("/r2/buckets"), token.value(), map("name", "ab"));
        Http.Reply badClass =
                api.post(accounts("/r2/buckets"), token.value(), map("name", "ok-name", "storageClass", "Cold"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo(10004);
        assertThat(upper.errorCode()).isEqualTo(10005);
        assertThat(shortName.errorCode()).isEqualTo(10005);
        assertThat(badClass.errorCode()).isEqualTo(10040);
    }

    @Test
    void refusesToDeleteANonEmptyBucket() {
        api.post(accounts("/r2/buckets"), token.value(), map("name", "app-files"));
        S3Client s3 = new S3Client(sandbox.s3Endpoint(), token, clock);
        s3.put("app-files", "a.txt", "hi".getBytes(), "text/plain");

        Http.Reply refused = api.delete(accounts("/r2/buckets/app-files"), token.value());
        s3.delete("app-files", "a.txt");
        Http.Reply deleted = api.delete(accounts("/r2/buckets/app-files"), token.value());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(10008);
        assertThat(deleted.status()).isEqualTo(200);
    }

    @Test
    void storesCorsRulesInR2sCamelCaseShape() {
        api.post(accounts("/r2/buckets"), token.value(), map("name", "app-files"));
        Http.Reply none = api.get(accounts("/r2/buckets/app-files/cors"), token.value());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errorCode()).isEqualTo(10059);

        assertThat(api.put(accounts("/r2/buckets/app-files/cors"), token.value(), RULES)
                        .status())
                .isEqualTo(200);
        Http.Reply stored = api.get(accounts("/r2/buckets/app-files/cors"), token.value());

        assertThat(stored.result()
                        .path("rules")
                        .path(0)
                        .path("allowed")
                        .path("origins")
                        .path(0)
                        .asString())
                .isEqualTo("https://app.example.com");
        assertThat(stored.result().path("rules").path(0).path("maxAgeSeconds").asInt())
                .isEqualTo(3600);
        assertThat(api.delete(accounts("/r2/buckets/app-files/cors"), token.value())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(accounts("/r2/buckets/app-files/cors"), token.value())
                        .errorCode())
                .isEqualTo(10059);
    }

    @Test
    void rejectsS3ShapedAndSnakeCaseCorsWith10040() {
        api.post(accounts("/r2/buckets"), token.value(), map("name", "app-files"));
        Object s3Shape =
                map("CORSRules", List.of(map("AllowedOrigins", List.of("*"), "AllowedMethods", List.of("GET"))));
        Object snake = map(
                "rules",
                List.of(map(
                        "allowed", map("origins", List.of("*"), "methods", List.of("GET")), "max_age_seconds", 60)));
        Object badMethod =
                map("rules", List.of(map("allowed", map("origins", List.of("*"), "methods", List.of("PATCH")))));

        for (Object body : List.of(s3Shape, snake, badMethod)) {
            Http.Reply reply = api.put(accounts("/r2/buckets/app-files/cors"), token.value(), body);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo(10040);
        }
    }
}
