package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Persistent mode's storage: KV entries, object metadata, audit and Outbox in {@code state.sqlite}, row by row;
 * {@code state.json} rewritten only when its small parts change; old data directories migrated; crashes.
 */
class StateStorageTests {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(SandboxFixture.START);

    private CloudflareSandbox open() {
        return CloudflareSandbox.builder()
                .dataDirectory(data)
                .clock(clock)
                .build()
                .start();
    }

    /** An account with a token, one D1 database and one KV namespace, made through the REST API. */
    private record AccountWithData(SandboxToken token, Http api, String account, String db, String ns) {}

    private static AccountWithData accountWithData(CloudflareSandbox sandbox) {
        String accountId = sandbox.createAccount("Acme");
        SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
        Http api = new Http(sandbox.baseUrl());
        String account = "/accounts/" + accountId;
        String db = api.post(account + "/d1/database", token.value(), map("name", "app"))
                .result()
                .path("uuid")
                .asString();
        String ns = api.post(account + "/storage/kv/namespaces", token.value(), map("title", "s"))
                .result()
                .path("id")
                .asString();
        return new AccountWithData(token, api, account, db, ns);
    }

    private static Set<SandboxPermission> fiveAndAudit() {
        Set<SandboxPermission> permissions = EnumSet.copyOf(SandboxPermission.flarelinkFive());
        permissions.add(SandboxPermission.ACCOUNT_SETTINGS_READ);
        return permissions;
    }

    @Test
    void kvObjectsAuditAndOutboxSurviveACloseAndReopen() {
        String accountId;
        SandboxToken token;
        String ns;
        try (CloudflareSandbox first = open()) {
            accountId = first.createAccount("Acme");
            token = first.createToken(accountId, fiveAndAudit());
            Http api = new Http(first.baseUrl());
            String account = "/accounts/" + accountId;
            ns = api.post(account + "/storage/kv/namespaces", token.value(), map("title", "sessions"))
                    .result()
                    .path("id")
                    .asString();
            String values = account + "/storage/kv/namespaces/" + ns;
            api.put(
                    values + "/bulk",
                    token.value(),
                    List.of(
                            map("key", "kept", "value", "v1", "metadata", map("user", 7), "expiration_ttl", 3600),
                            map("key", "deleted", "value", "gone")));
            api.delete(values + "/values/deleted", token.value());
            api.post(account + "/r2/buckets", token.value(), map("name", "files"));
            S3Client s3 = new S3Client(first.s3Endpoint(), token, clock);
            s3.put("files", "a.txt", "alpha".getBytes(StandardCharsets.UTF_8), "text/plain");
            s3.put("files", "b.txt", "beta".getBytes(StandardCharsets.UTF_8), "text/plain");
            s3.delete("files", "b.txt");
            assertThat(api.post(
                                    account + "/__sandbox/outbox",
                                    first.runtimeTokenValue(accountId),
                                    map("from", "app@example.test", "to", "ada@example.test", "subject", "Verify"))
                            .status())
                    .isEqualTo(200);
        }

        try (CloudflareSandbox second = open()) {
            Http api = new Http(second.baseUrl());
            String values = "/accounts/" + accountId + "/storage/kv/namespaces/" + ns;
            Http.Reply kept = api.get(values + "/values/kept", token.value());
            assertThat(kept.text()).isEqualTo("v1");
            assertThat(kept.header("expiration")).isEqualTo(String.valueOf(clock.millis() / 1000 + 3600));
            assertThat(api.get(values + "/metadata/kept", token.value())
                            .result()
                            .path("user")
                            .asInt())
                    .isEqualTo(7);
            assertThat(api.get(values + "/values/deleted", token.value()).status())
                    .isEqualTo(404);
            S3Client s3 = new S3Client(second.s3Endpoint(), token, clock);
            Http.Reply object = s3.get("files", "a.txt");
            assertThat(object.text()).isEqualTo("alpha");
            assertThat(object.header("Content-Type")).isEqualTo("text/plain");
            assertThat(s3.get("files", "b.txt").status()).isEqualTo(404);
            assertThat(second.outbox(accountId))
                    .singleElement()
                    .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Verify"));
            JsonNode audit = api.get(
                            "/accounts/" + accountId + "/logs/audit?since=2026-03-01&before=2026-03-02&direction=asc",
                            token.value())
                    .result();
            assertThat(audit.findValuesAsString("uri"))
                    .contains("/accounts/" + accountId + "/storage/kv/namespaces/" + ns + "/values/deleted")
                    .contains("s3:/files/b.txt");
        }
    }

    @Test
    void aD1QueryOrAKvPutDoesNotRewriteStateJsonButANewNamespaceDoes() throws Exception {
        try (CloudflareSandbox sandbox = open()) {
            AccountWithData made = accountWithData(sandbox);
            SandboxToken token = made.token();
            Http api = made.api();
            String account = made.account();
            String db = made.db();
            String ns = made.ns();
            Object before = stateFileIdentity();

            api.post(account + "/d1/database/" + db + "/query", token.value(), map("sql", "CREATE TABLE t (v)"));
            api.post(account + "/d1/database/" + db + "/query", token.value(), map("sql", "SELECT * FROM t"));
            api.send(
                    "PUT",
                    account + "/storage/kv/namespaces/" + ns + "/values/k",
                    token.value(),
                    "text/plain",
                    "v".getBytes(StandardCharsets.UTF_8));

            assertThat(stateFileIdentity()).as("state.json was not replaced").isEqualTo(before);
            assertThat(Files.readString(data.resolve("state.json"))).doesNotContain("\"entries\"");

            api.post(account + "/storage/kv/namespaces", token.value(), map("title", "second"));

            assertThat(stateFileIdentity()).as("a new namespace is written").isNotEqualTo(before);
            assertThat(Files.readString(data.resolve("state.json"))).contains("\"second\"");
        }
    }

    @Test
    void aReuploadedWorkerOfTheSameSizeIsWrittenAndSurvivesARestart() {
        String accountId;
        SandboxToken token;
        try (CloudflareSandbox first = open()) {
            accountId = first.createAccount("Acme");
            token = first.createToken(accountId, SandboxPermission.flarelinkFive());
            Http api = new Http(first.baseUrl());
            for (String code : List.of("export default { v: 'one' };", "export default { v: 'two' };")) {
                byte[] body = Multipart.write(
                        WorkerRoutesTests.BOUNDARY,
                        List.of(
                                new Multipart.Part(
                                        "metadata",
                                        null,
                                        "",
                                        WorkerRoutesTests.metadata("worker.mjs", List.of())
                                                .getBytes(StandardCharsets.UTF_8)),
                                WorkerRoutesTests.part(
                                        "worker.mjs",
                                        "application/javascript+module",
                                        code.getBytes(StandardCharsets.UTF_8))));
                assertThat(api.send(
                                        "PUT",
                                        "/accounts/" + accountId + "/workers/scripts/app",
                                        token.value(),
                                        "multipart/form-data; boundary=" + WorkerRoutesTests.BOUNDARY,
                                        body)
                                .status())
                        .isEqualTo(200);
            }
        }
        try (CloudflareSandbox second = open()) {
            Http api = new Http(second.baseUrl());
            assertThat(api.get("/accounts/" + accountId + "/workers/scripts/app/content/v2", token.value())
                            .text())
                    .contains("'two'")
                    .doesNotContain("'one'");
        }
    }

    /** The file's identity (inode) and time: an atomic rewrite replaces the file, so both change. */
    private Object stateFileIdentity() throws Exception {
        BasicFileAttributes attributes = Files.readAttributes(data.resolve("state.json"), BasicFileAttributes.class);
        return attributes.fileKey() + "@" + attributes.lastModifiedTime().toMillis();
    }

    @Test
    void anOldStateJsonHasItsDataMovedIntoStateSqliteOnce() throws Exception {
        String accountId;
        SandboxToken token;
        String ns;
        try (CloudflareSandbox seeding = open()) {
            accountId = seeding.createAccount("Acme");
            token = seeding.createToken(accountId, fiveAndAudit());
            Http api = new Http(seeding.baseUrl());
            ns = api.post("/accounts/" + accountId + "/storage/kv/namespaces", token.value(), map("title", "s"))
                    .result()
                    .path("id")
                    .asString();
            api.post("/accounts/" + accountId + "/r2/buckets", token.value(), map("name", "files"));
        }
        writeOldFormat(accountId, ns);

        try (CloudflareSandbox migrated = open()) {
            assertMigratedData(migrated, accountId, token, ns);
            String state = Files.readString(data.resolve("state.json"));
            assertThat(state).doesNotContain("old-record").doesNotContain("\"entries\"");
        }
        try (CloudflareSandbox again = open()) {
            assertMigratedData(again, accountId, token, ns);
        }
    }

    /** An old data directory: KV entries, objects, audit and Outbox inside state.json, no state.sqlite. */
    private void writeOldFormat(String accountId, String ns) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("state.sqlite"))
                    .toList()) {
                Files.delete(file);
            }
        }
        ObjectNode state = (ObjectNode) Http.JSON.readTree(Files.readAllBytes(data.resolve("state.json")));
        ObjectNode account = (ObjectNode) state.path("accounts").path(accountId);
        ObjectNode entries = ((ObjectNode) account.path("namespaces").path(ns)).putObject("entries");
        entries.putObject("old-key")
                .put("value", java.util.Base64.getEncoder().encodeToString("old value".getBytes()))
                .putNull("expiration")
                .putNull("metadata");
        ObjectNode objects = ((ObjectNode) account.path("buckets").path("files")).putObject("objects");
        objects.putObject("old.txt")
                .put("key", "old.txt")
                .put("file", Ids.sha256Hex("old.txt"))
                .put("size", 9)
                .put("etag", Ids.md5Hex("old bytes".getBytes()))
                .put("contentType", "text/plain")
                .put("lastModified", clock.millis());
        Path objectFile = data.resolve("r2").resolve(accountId).resolve("files").resolve(Ids.sha256Hex("old.txt"));
        Files.createDirectories(objectFile.getParent());
        Files.write(objectFile, "old bytes".getBytes());
        state.putArray("audit")
                .addObject()
                .put("id", "old-record")
                .put("time", clock.millis())
                .put("accountId", accountId)
                .put("method", "POST")
                .put("uri", "/accounts/" + accountId + "/old-call")
                .put("status", 200)
                .put("rayId", "0123456789abcdef")
                .put("product", "account")
                .put("userAgent", "old")
                .put("ip", "127.0.0.1");
        state.putArray("outbox")
                .addObject()
                .put("id", "oldmail")
                .put("time", clock.millis())
                .put("accountId", accountId)
                .put("via", "resend")
                .put("from", "app@example.test")
                .put("subject", "Old mail")
                .put("text", "hello")
                .put("html", "")
                .putArray("to")
                .add("ada@example.test");
        Files.write(data.resolve("state.json"), Http.JSON.writeValueAsBytes(state));
    }

    private void assertMigratedData(CloudflareSandbox sandbox, String accountId, SandboxToken token, String ns) {
        Http api = new Http(sandbox.baseUrl());
        assertThat(api.get("/accounts/" + accountId + "/storage/kv/namespaces/" + ns + "/values/old-key", token.value())
                        .text())
                .isEqualTo("old value");
        assertThat(new S3Client(sandbox.s3Endpoint(), token, clock)
                        .get("files", "old.txt")
                        .text())
                .isEqualTo("old bytes");
        assertThat(sandbox.outbox(accountId))
                .singleElement()
                .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Old mail"));
        JsonNode audit = api.get(
                        "/accounts/" + accountId + "/logs/audit?since=2026-03-01&before=2026-03-02&limit=1000",
                        token.value())
                .result();
        assertThat(audit.findValuesAsString("uri"))
                .as("the old record, once")
                .containsOnlyOnce("/accounts/" + accountId + "/old-call");
    }

    @Test
    void aTornStateJsonTmpFromAnInterruptedWriteIsIgnored() throws Exception {
        String accountId;
        SandboxToken token;
        try (CloudflareSandbox first = open()) {
            accountId = first.createAccount("Acme");
            token = first.createToken(accountId, SandboxPermission.flarelinkFive());
        }
        Files.writeString(data.resolve("state.json.tmp"), "{\"accounts\": {\"torn");

        try (CloudflareSandbox second = open()) {
            Http api = new Http(second.baseUrl());
            assertThat(api.get("/accounts", token.value())
                            .result()
                            .path(0)
                            .path("id")
                            .asString())
                    .isEqualTo(accountId);
        }
    }

    /**
     * A real crash: a child JVM writes KV entries and objects and reports each acknowledged one; it is killed
     * (SIGKILL) mid-stream. Every acknowledged write is there after a restart, and the state files still load.
     */
    @Test
    void aKilledSandboxRestartsWithEveryAcknowledgedWrite() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingSandbox.class.getName(),
                        data.toString())
                .redirectErrorStream(true)
                .start();
        String tokenValue = null;
        String accountId = null;
        String ns = null;
        int acknowledged = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts[0].equals("ready")) {
                    accountId = parts[1];
                    tokenValue = parts[2];
                    ns = parts[3];
                } else if (parts[0].equals("acked")) {
                    acknowledged = Integer.parseInt(parts[1]);
                    if (acknowledged >= 150) {
                        child.destroyForcibly(); // SIGKILL: no close, no shutdown hooks
                        break;
                    }
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("the child wrote before it was killed").isGreaterThanOrEqualTo(150);

        try (CloudflareSandbox restarted = open()) {
            Http api = new Http(restarted.baseUrl());
            String values = "/accounts/" + accountId + "/storage/kv/namespaces/" + ns + "/values/";
            JsonNode keys = api.get("/accounts/" + accountId + "/storage/kv/namespaces/" + ns + "/keys", tokenValue)
                    .result();
            assertThat(keys.size()).isGreaterThanOrEqualTo(acknowledged + 1);
            for (int i = 0; i <= acknowledged; i += 10) {
                assertThat(api.get(values + "k" + i, tokenValue).text()).isEqualTo("value " + i);
            }
            assertThat(api.get(values + "k" + acknowledged, tokenValue).text()).isEqualTo("value " + acknowledged);
        }
    }

    /** The child process of the crash test: writes until it is killed. */
    static final class CrashingSandbox {

        public static void main(String[] args) {
            CloudflareSandbox sandbox = CloudflareSandbox.builder()
                    .dataDirectory(Path.of(args[0]))
                    .build()
                    .start();
            sandbox.switches().rateLimitOff();
            String accountId = sandbox.createAccount("Crash");
            SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
            Http api = new Http(sandbox.baseUrl());
            String ns = api.post("/accounts/" + accountId + "/storage/kv/namespaces", token.value(), map("title", "c"))
                    .result()
                    .path("id")
                    .asString();
            api.post("/accounts/" + accountId + "/r2/buckets", token.value(), map("name", "crash"));
            S3Client s3 = new S3Client(sandbox.s3Endpoint(), token, Clock.systemUTC());
            System.out.println("ready " + accountId + " " + token.value() + " " + ns);
            for (int i = 0; ; i++) {
                Http.Reply put = api.send(
                        "PUT",
                        "/accounts/" + accountId + "/storage/kv/namespaces/" + ns + "/values/k" + i,
                        token.value(),
                        "text/plain",
                        ("value " + i).getBytes(StandardCharsets.UTF_8));
                Http.Reply object = s3.put("crash", "o" + i, ("object " + i).getBytes(), "text/plain");
                if (put.status() == 200 && object.status() == 200) {
                    System.out.println("acked " + i);
                }
            }
        }
    }

    /** D1 queries run outside the sandbox lock: a KV read answers while a slow query is still running. */
    @Test
    void aSlowD1QueryDoesNotHoldUpOtherCalls() throws Exception {
        try (CloudflareSandbox sandbox = open()) {
            sandbox.switches().rateLimitOff();
            AccountWithData made = accountWithData(sandbox);
            SandboxToken token = made.token();
            Http api = made.api();
            String account = made.account();
            String db = made.db();
            String ns = made.ns();
            api.send(
                    "PUT",
                    account + "/storage/kv/namespaces/" + ns + "/values/k",
                    token.value(),
                    "text/plain",
                    "v".getBytes(StandardCharsets.UTF_8));

            CompletableFuture<Http.Reply> slow = CompletableFuture.supplyAsync(() -> api.post(
                    account + "/d1/database/" + db + "/query",
                    token.value(),
                    map(
                            "sql",
                            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000)"
                                    + " SELECT count(*) AS n FROM c")));
            Thread.sleep(300);
            assertThat(slow).as("the slow query is still running").isNotDone();

            Http.Reply read = api.get(account + "/storage/kv/namespaces/" + ns + "/values/k", token.value());

            assertThat(read.text()).isEqualTo("v");
            assertThat(slow).as("the KV read did not wait for the query").isNotDone();
            assertThat(slow.get(120, TimeUnit.SECONDS)
                            .result()
                            .path(0)
                            .path("results")
                            .path(0)
                            .path("n")
                            .asLong())
                    .isEqualTo(20_000_000L);
        }
    }
}
