package dev.flarelink.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's local Workers runtime on its own: D1 and KV binding semantics as a Worker sees them (backed by the
 * sandbox's REST API), and no Node or workerd process left once the sandbox (and so the app) stops. Runs in this
 * module because the Worker module's {@code npm ci} (which brings Miniflare) has run by then.
 */
class SandboxWorkersRuntimeTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String WORKER = """
            export default {
              async fetch(request, env) {
                const path = new URL(request.url).pathname;
                if (path === "/d1") {
                  const db = env.DB;
                  await db.exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, ok INTEGER)");
                  const insert = await db.prepare("INSERT INTO t (name, ok) VALUES (?1, ?2)").bind("ann", true).run();
                  const row = await db.prepare("SELECT * FROM t WHERE id = ?").bind(insert.meta.last_row_id).first();
                  const name = await db.prepare("SELECT name FROM t").first("name");
                  const none = await db.prepare("SELECT * FROM t WHERE id = -1").first();
                  const raw = await db.prepare("SELECT id, name FROM t").raw({ columnNames: true });
                  let batchError = null;
                  try {
                    await db.batch([db.prepare("INSERT INTO t (name) VALUES ('bo')"), db.prepare("INSERT INTO t (name) VALUES ('ann')")]);
                  } catch (e) { batchError = e.message; }
                  const count = await db.prepare("SELECT count(*) AS n FROM t").first("n");
                  const batch = await db.batch([db.prepare("INSERT INTO t (name) VALUES ('cy')"), db.prepare("SELECT name FROM t ORDER BY id")]);
                  let typeError = null;
                  try { db.prepare("SELECT ?").bind(undefined); } catch (e) { typeError = e.message; }
                  return Response.json({ changes: insert.meta.changes, row, name, none, raw, batchError, count,
                    batchNames: batch[1].results.map((r) => r.name), typeError });
                }
                if (path === "/kv") {
                  await env.KV.put("greeting", "hello", { expirationTtl: 120, metadata: { lang: "en" } });
                  const withMeta = await env.KV.getWithMetadata("greeting");
                  const json = await env.KV.put("obj", JSON.stringify({ a: 1 })).then(() => env.KV.get("obj", "json"));
                  const list = await env.KV.list({ prefix: "gr" });
                  let ttlError = null;
                  try { await env.KV.put("short", "x", { expirationTtl: 10 }); } catch (e) { ttlError = e.message; }
                  await env.KV.delete("obj");
                  return Response.json({ withMeta, json, names: list.keys.map((k) => k.name), complete: list.list_complete,
                    missing: await env.KV.get("obj"), ttlError });
                }
                if (path === "/mail") {
                  const { EmailMessage } = await import("cloudflare:email");
                  const raw = ["From: App <app@example.com>", "To: ann@example.com", "Subject: =?UTF-8?B?SMOpbGxv?=",
                    'Content-Type: multipart/alternative; boundary="b1"', "", "--b1", "Content-Type: text/plain; charset=UTF-8",
                    "", "Open https://example.com/verify?t=1", "--b1", "Content-Type: text/html; charset=UTF-8", "",
                    "<p>Open <a href=\\"https://example.com/verify?t=1\\">it</a></p>", "--b1--", ""].join("\\r\\n");
                  await env.EMAIL.send(new EmailMessage("app@example.com", "ann@example.com", raw));
                  return new Response("sent");
                }
                return new Response("hello " + env.GREETING);
              },
            };
            """;

    @TempDir
    Path data;

    CloudflareSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aWorkersBindingsReadAndWriteTheSandboxsDataWithCloudflaresSemanticsAndNothingOutlivesTheSandbox()
            throws Exception {
        sandbox = CloudflareSandbox.builder()
                .dataDirectory(data)
                .runWorkers(true)
                .build()
                .start();
        assertThat(sandbox.workers().status().available())
                .as(sandbox.workers().status().message())
                .isTrue();
        String account = sandbox.createAccount("Runtime", "runtime-test");
        SandboxToken token = sandbox.createToken(account, SandboxPermission.flarelinkFive());
        String db = api("POST", account, "/d1/database", token, "{\"name\":\"rt\"}")
                .path("result")
                .path("uuid")
                .asString();
        String ns = api("POST", account, "/storage/kv/namespaces", token, "{\"title\":\"rt\"}")
                .path("result")
                .path("id")
                .asString();
        upload(account, token, "rt", db, ns, "one");
        String publicUrl = "https://rt.runtime-test.workers.dev";
        assertThat(sandbox.workers().awaitRunning(publicUrl, Duration.ofSeconds(90)))
                .isTrue();
        String local = sandbox.workers().localUrl(publicUrl).orElseThrow();

        assertThat(get(local + "/").body()).isEqualTo("hello one");
        JsonNode d1 = JSON.readTree(get(local + "/d1").body());
        assertThat(d1.path("changes").asInt()).isEqualTo(1);
        assertThat(d1.path("row").path("name").asString()).isEqualTo("ann");
        assertThat(d1.path("row").path("ok").asInt()).isEqualTo(1);
        assertThat(d1.path("name").asString()).isEqualTo("ann");
        assertThat(d1.path("none").isNull()).isTrue();
        assertThat(d1.path("raw").toString()).isEqualTo("[[\"id\",\"name\"],[1,\"ann\"]]");
        assertThat(d1.path("batchError").asString()).startsWith("D1_ERROR: UNIQUE constraint failed: t.name");
        assertThat(d1.path("count").asInt())
                .as("a failed batch rolls back as a whole")
                .isEqualTo(1);
        assertThat(d1.path("batchNames").toString()).isEqualTo("[\"ann\",\"cy\"]");
        assertThat(d1.path("typeError").asString()).startsWith("D1_TYPE_ERROR");
        // The Worker's rows are the REST API's rows.
        JsonNode rows =
                api("POST", account, "/d1/database/" + db + "/query", token, "{\"sql\":\"SELECT name FROM t\"}");
        assertThat(rows.path("result").path(0).path("results").findValuesAsString("name"))
                .containsExactly("ann", "cy");

        JsonNode kv = JSON.readTree(get(local + "/kv").body());
        assertThat(kv.path("withMeta").path("value").asString()).isEqualTo("hello");
        assertThat(kv.path("withMeta").path("metadata").path("lang").asString()).isEqualTo("en");
        assertThat(kv.path("json").path("a").asInt()).isEqualTo(1);
        assertThat(kv.path("names").toString()).isEqualTo("[\"greeting\"]");
        assertThat(kv.path("complete").asBoolean()).isTrue();
        assertThat(kv.path("missing").isNull()).isTrue();
        assertThat(kv.path("ttlError").asString()).contains("Expiration TTL must be at least 60");
        JsonNode keys = api("GET", account, "/storage/kv/namespaces/" + ns + "/keys", token, null);
        assertThat(keys.path("result").findValuesAsString("name")).containsExactly("greeting");

        // The send_email binding hands the message to the Outbox; nothing is delivered.
        HttpResponse<String> mail = get(local + "/mail");
        assertThat(mail.body()).as(mail.body()).isEqualTo("sent");
        assertThat(sandbox.outbox(account)).singleElement().satisfies(m -> {
            assertThat(m.via()).isEqualTo("send_email");
            assertThat(m.to()).containsExactly("ann@example.com");
            assertThat(m.subject()).isEqualTo("Héllo");
            assertThat(m.text()).contains("https://example.com/verify?t=1");
            assertThat(m.html()).contains("<a href=\"https://example.com/verify?t=1\">");
        });

        List<ProcessHandle> processes = sandbox.workers().processes();
        assertThat(processes)
                .anySatisfy(p -> assertThat(p.info().command().orElse("")).contains("workerd"));
        sandbox.close();
        for (ProcessHandle process : processes) {
            process.onExit().get(20, TimeUnit.SECONDS);
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        sandbox = null;
    }

    @Test
    void withoutNodeOnThePathTheSandboxRunsAndSaysWhyWorkersDoNot(@TempDir Path emptyPath) {
        sandbox = CloudflareSandbox.builder()
                .runWorkers(true)
                .nodeSearchPath(emptyPath.toString())
                .build()
                .start();

        assertThat(sandbox.workers().status().available()).isFalse();
        assertThat(sandbox.workers().status().message())
                .contains("Node.js was not found on the PATH")
                .contains("Install Node.js 20 or newer");
        assertThat(sandbox.seedDemo().accountId()).isNotEmpty();
    }

    private void upload(String account, SandboxToken token, String script, String db, String ns, String greeting)
            throws Exception {
        String metadata = "{\"main_module\":\"worker.mjs\",\"compatibility_date\":\"2025-01-01\","
                + "\"compatibility_flags\":[\"nodejs_compat\"],\"bindings\":["
                + "{\"type\":\"d1\",\"name\":\"DB\",\"id\":\"" + db + "\"},"
                + "{\"type\":\"kv_namespace\",\"name\":\"KV\",\"namespace_id\":\"" + ns + "\"},"
                + "{\"type\":\"send_email\",\"name\":\"EMAIL\"},"
                + "{\"type\":\"plain_text\",\"name\":\"GREETING\",\"text\":\"" + greeting + "\"}]}";
        String boundary = "runtimeboundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata
                        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"worker.mjs\"; "
                        + "filename=\"worker.mjs\"\r\nContent-Type: application/javascript+module\r\n\r\n" + WORKER
                        + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(sandbox.baseUrl() + "/accounts/" + account + "/workers/scripts/" + script))
                        .header("Authorization", "Bearer " + token.value())
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Files.exists(data)).isTrue();
    }

    private JsonNode api(String method, String account, String path, SandboxToken token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/accounts/" + account + path))
                .header("Authorization", "Bearer " + token.value())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return JSON.readTree(
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
