package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTests {

    @TempDir
    Path data;

    @Test
    void stateSurvivesARestartWithTheSameDataDirectory() {
        MutableClock clock = new MutableClock(SandboxFixture.START);
        DemoSeed seed;
        String db;
        String ns;
        try (CloudflareSandbox first = CloudflareSandbox.builder()
                .dataDirectory(data)
                .clock(clock)
                .build()
                .start()) {
            seed = first.seedDemo();
            Http api = new Http(first.baseUrl());
            String token = seed.fullToken().value();
            String account = "/accounts/" + seed.accountId();
            db = api.post(account + "/d1/database", token, map("name", "app"))
                    .result()
                    .path("uuid")
                    .asString();
            api.post(
                    account + "/d1/database/" + db + "/query",
                    token,
                    map("sql", "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')"));
            ns = api.post(account + "/storage/kv/namespaces", token, map("title", "s"))
                    .result()
                    .path("id")
                    .asString();
            api.send(
                    "PUT", account + "/storage/kv/namespaces/" + ns + "/values/k", token, "text/plain", "v".getBytes());
            api.post(account + "/r2/buckets", token, map("name", "files"));
            new S3Client(first.s3Endpoint(), seed.fullToken(), clock)
                    .put("files", "o.txt", "obj".getBytes(), "text/plain");
        }

        try (CloudflareSandbox second = CloudflareSandbox.builder()
                .dataDirectory(data)
                .clock(clock)
                .build()
                .start()) {
            Http api = new Http(second.baseUrl());
            String token = seed.fullToken().value();
            String account = "/accounts/" + seed.accountId();

            assertThat(second.seedDemo()).isEqualTo(seed);
            assertThat(api.get("/user/tokens/verify", token).status()).isEqualTo(200);
            assertThat(api.post(account + "/d1/database/" + db + "/query", token, map("sql", "SELECT v FROM t"))
                            .result()
                            .path(0)
                            .path("results")
                            .path(0)
                            .path("v")
                            .asString())
                    .isEqualTo("kept");
            assertThat(api.get(account + "/storage/kv/namespaces/" + ns + "/values/k", token)
                            .text())
                    .isEqualTo("v");
            assertThat(new S3Client(second.s3Endpoint(), seed.fullToken(), clock)
                            .get("files", "o.txt")
                            .text())
                    .isEqualTo("obj");
            assertThat(api.get("/accounts", token).result().size()).isEqualTo(1);
        }
    }

    @Test
    void seedDemoIsIdempotentAndGivesOneTokenWithoutApiTokensEdit() {
        try (CloudflareSandbox sandbox =
                CloudflareSandbox.builder().dataDirectory(data).build().start()) {
            DemoSeed seed = sandbox.seedDemo();
            Http api = new Http(sandbox.baseUrl());

            assertThat(sandbox.seedDemo()).isEqualTo(seed);
            assertThat(sandbox.demo()).contains(seed);
            assertThat(api.get("/accounts", seed.fullToken().value()).result().size())
                    .isEqualTo(1);
            assertThat(api.get("/user/tokens", seed.fullToken().value()).status())
                    .isEqualTo(200);
            assertThat(api.get("/user/tokens", seed.limitedToken().value()).errorCode())
                    .isEqualTo(9109);
            assertThat(api.get(
                                    "/accounts/" + seed.accountId() + "/workers/scripts",
                                    seed.limitedToken().value())
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void resetForgetsEverything() {
        try (CloudflareSandbox sandbox = CloudflareSandbox.builder().build().start()) {
            DemoSeed seed = sandbox.seedDemo();
            sandbox.switches().rateLimit(1, java.time.Duration.ofMinutes(5));

            sandbox.reset();

            Http api = new Http(sandbox.baseUrl());
            assertThat(sandbox.demo()).isEmpty();
            assertThat(api.get("/user/tokens/verify", seed.fullToken().value()).errorCode())
                    .isEqualTo(1000);
            assertThat(api.get("/user/tokens/verify", seed.fullToken().value()).status())
                    .isEqualTo(401);
            assertThat(sandbox.seedDemo().accountId()).isNotEqualTo(seed.accountId());
        }
    }

    @Test
    void inMemorySandboxDeletesItsTemporaryDirectoryOnClose() {
        List<String> before = sandboxTempDirectories();
        CloudflareSandbox sandbox = CloudflareSandbox.builder().build().start();
        List<String> during = sandboxTempDirectories();
        String base = sandbox.baseUrl();
        sandbox.close();

        assertThat(base).startsWith("http://127.0.0.1:").endsWith("/client/v4");
        assertThat(during).hasSize(before.size() + 1);
        assertThat(sandboxTempDirectories()).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<String> sandboxTempDirectories() {
        String[] names = new java.io.File(System.getProperty("java.io.tmpdir"))
                .list((dir, name) -> name.startsWith("cloudflare-sandbox"));
        return names == null ? List.of() : List.of(names);
    }
}
