package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerRoutesTests extends SandboxFixture {

    static final String BOUNDARY = "XyZboundary";
    static final byte[] CODE = "export default { async fetch() { return new Response(\"ok \u00e9\") } }\n"
            .getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void uploadsAModuleWorkerAndDownloadsTheExactBytesAsMultipart() {
        byte[] wasm = {0, 97, 115, 109, 1, 0, 0, 0, (byte) 0xff, 13, 10};
        Http.Reply uploaded = upload(
                "auth-worker",
                metadata("worker.mjs", List.of()),
                List.of(
                        part("worker.mjs", "application/javascript+module", CODE),
                        part("lib.wasm", "application/wasm", wasm)));

        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.result().path("id").asString()).isEqualTo("auth-worker");
        assertThat(uploaded.result().path("etag").asString()).isNotEmpty();
        assertThat(uploaded.result().path("has_modules").asBoolean()).isTrue();

        Http.Reply download = api.get(accounts("/workers/scripts/auth-worker/content/v2"), token.value());
        String contentType = download.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        assertThat(download.header("cf-entrypoint")).isEqualTo("worker.mjs");
        List<Multipart.Part> parts = Multipart.parse(contentType, download.body());
        assertThat(parts).extracting(Multipart.Part::name).containsExactly("worker.mjs", "lib.wasm");
        assertThat(parts.get(0).bytes()).isEqualTo(CODE);
        assertThat(parts.get(0).contentType()).isEqualTo("application/javascript+module");
        assertThat(parts.get(1).bytes()).isEqualTo(wasm);
        assertThat(api.get(accounts("/workers/scripts/auth-worker"), token.value())
                        .header("cf-entrypoint"))
                .isEqualTo("worker.mjs");
    }

    @Test
    void rejectsAnUploadWithoutMetadata() {
        Http.Reply reply = upload("w", null, List.of(part("worker.mjs", "application/javascript+module", CODE)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(10021);
        assertThat(reply.json().path("errors").path(0).path("message").asString())
                .isEqualTo("could not read content for part metadata");
    }

    @Test
    void rejectsAnUploadWhoseMainModuleIsNotAmongTheParts() {
        Http.Reply reply = upload(
                "w",
                metadata("index.js", List.of()),
                List.of(part("worker.mjs", "application/javascript+module", CODE)));

        assertThat(reply.errorCode()).isEqualTo(10021);
    }

    @Test
    void rejectsModuleCodeSentAsAServiceWorkerScript() {
        Http.Reply reply = upload(
                "w", metadata("worker.mjs", List.of()), List.of(part("worker.mjs", "application/javascript", CODE)));

        assertThat(reply.errorCode()).isEqualTo(10021);
        assertThat(reply.json().path("errors").path(0).path("message").asString())
                .contains("SyntaxError");
    }

    @Test
    void rejectsBindingsToResourcesThatDoNotExistAndAcceptsExistingOnes() {
        Http.Reply missing = upload(
                "w",
                metadata("worker.mjs", List.of(map("type", "d1", "name", "DB", "id", "nope"))),
                List.of(part("worker.mjs", "application/javascript+module", CODE)));
        assertThat(missing.errorCode()).isEqualTo(10021);
        assertThat(missing.json().path("errors").path(0).path("message").asString())
                .isEqualTo("binding DB of type d1 must have a valid `id` specified");

        String db = api.post(accounts("/d1/database"), token.value(), map("name", "app"))
                .result()
                .path("uuid")
                .asString();
        String ns = api.post(accounts("/storage/kv/namespaces"), token.value(), map("title", "sessions"))
                .result()
                .path("id")
                .asString();
        api.post(accounts("/r2/buckets"), token.value(), map("name", "files"));
        Http.Reply ok = upload(
                "w",
                metadata(
                        "worker.mjs",
                        List.of(
                                map("type", "d1", "name", "DB", "id", db),
                                map("type", "kv_namespace", "name", "SESSIONS", "namespace_id", ns),
                                map("type", "r2_bucket", "name", "FILES", "bucket_name", "files"),
                                map("type", "secret_text", "name", "SECRET", "text", "s3cr3t"))),
                List.of(part("worker.mjs", "application/javascript+module", CODE)));
        assertThat(ok.status()).isEqualTo(200);

        Http.Reply settings = api.get(accounts("/workers/scripts/w/settings"), token.value());
        assertThat(settings.result()
                        .path("bindings")
                        .path(0)
                        .path("database_id")
                        .asString())
                .isEqualTo(db);
        assertThat(settings.result().path("bindings").path(3).has("text")).isFalse();
    }

    @Test
    void listsDeletesAndReportsMissingScriptsWith10007() {
        upload(
                "one",
                metadata("worker.mjs", List.of()),
                List.of(part("worker.mjs", "application/javascript+module", CODE)));

        assertThat(api.get(accounts("/workers/scripts"), token.value())
                        .result()
                        .path(0)
                        .path("id")
                        .asString())
                .isEqualTo("one");
        assertThat(api.delete(accounts("/workers/scripts/one"), token.value()).status())
                .isEqualTo(200);
        Http.Reply gone = api.delete(accounts("/workers/scripts/one"), token.value());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(10007);
    }

    @Test
    void enablesWorkersDevAndReadsTheAccountSubdomain() {
        upload(
                "one",
                metadata("worker.mjs", List.of()),
                List.of(part("worker.mjs", "application/javascript+module", CODE)));
        assertThat(api.get(accounts("/workers/subdomain"), token.value()).errorCode())
                .isEqualTo(10007);

        api.put(accounts("/workers/subdomain"), token.value(), map("subdomain", "acme"));
        Http.Reply enabled = api.post(accounts("/workers/scripts/one/subdomain"), token.value(), map("enabled", true));

        assertThat(enabled.result().path("enabled").asBoolean()).isTrue();
        assertThat(api.get(accounts("/workers/subdomain"), token.value())
                        .result()
                        .path("subdomain")
                        .asString())
                .isEqualTo("acme");
        assertThat(api.get(accounts("/workers/scripts/one/subdomain"), token.value())
                        .result()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void attachesCustomDomainsWithZoneLookupAndConflictCodes() {
        String zoneId = sandbox.createZone(accountId, "example.com", "www.example.com");
        SandboxToken zoneReader = tokenWith(SandboxPermission.ZONE_READ);
        for (String name : List.of("one", "two")) {
            upload(
                    name,
                    metadata("worker.mjs", List.of()),
                    List.of(part("worker.mjs", "application/javascript+module", CODE)));
        }

        Http.Reply zones = api.get("/zones?name=example.com", zoneReader.value());
        assertThat(zones.result().path(0).path("id").asString()).isEqualTo(zoneId);
        Http.Reply attached = api.put(
                accounts("/workers/domains"),
                token.value(),
                map("hostname", "auth.example.com", "service", "one", "environment", "production"));
        assertThat(attached.result().path("zone_id").asString()).isEqualTo(zoneId);
        assertThat(attached.result().path("zone_name").asString()).isEqualTo("example.com");

        Http.Reply taken = api.put(
                accounts("/workers/domains"), token.value(), map("hostname", "auth.example.com", "service", "two"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo(100116);
        Http.Reply dns = api.put(
                accounts("/workers/domains"), token.value(), map("hostname", "www.example.com", "service", "two"));
        assertThat(dns.status()).isEqualTo(409);
        assertThat(dns.errorCode()).isEqualTo(100117);
        Http.Reply overridden = api.put(
                accounts("/workers/domains"),
                token.value(),
                map("hostname", "auth.example.com", "service", "two", "override_existing_origin", true));
        assertThat(overridden.result().path("service").asString()).isEqualTo("two");

        String id = overridden.result().path("id").asString();
        assertThat(api.get(accounts("/workers/domains?service=two"), token.value())
                        .result()
                        .size())
                .isEqualTo(1);
        assertThat(api.delete(accounts("/workers/domains/" + id), token.value()).status())
                .isEqualTo(200);
        assertThat(api.get(accounts("/workers/domains"), token.value()).result().size())
                .isZero();
    }

    static String metadata(String main, List<Object> bindings) {
        return new String(
                Http.json(map("main_module", main, "compatibility_date", "2026-01-15", "bindings", bindings)),
                StandardCharsets.UTF_8);
    }

    static Multipart.Part part(String name, String type, byte[] bytes) {
        return new Multipart.Part(name, name, type, bytes);
    }

    Http.Reply upload(String script, String metadata, List<Multipart.Part> modules) {
        List<Multipart.Part> parts = new java.util.ArrayList<>();
        if (metadata != null) {
            parts.add(new Multipart.Part("metadata", null, "", metadata.getBytes(StandardCharsets.UTF_8)));
        }
        parts.addAll(modules);
        return api.send(
                "PUT",
                accounts("/workers/scripts/" + script),
                token.value(),
                "multipart/form-data; boundary=" + BOUNDARY,
                Multipart.write(BOUNDARY, parts));
    }
}
