package dev.flarelink.hardening;

import static java.util.Map.entry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every route of the app, as Spring's handler mappings name it ({@code METHOD pattern}), with what each kind of
 * visitor may get from it, the object it is about, and how its path variables, query and form are filled from the
 * seeded objects of user A. {@link RouteMatrixIntegrationTests} fails when a route of the app is missing here, or
 * an entry here is no longer a route.
 */
final class RouteMatrix {

    /** Who may use a route, and so what anonymous visitors and user B get from it. */
    enum Scope {
        /** Anyone: anonymous visitors get the page, without anybody's private data. */
        PUBLIC,
        /** Signed-in users, on their own data only (no object id in the path). Anonymous: sent to sign-in. */
        SIGNED_IN,
        /** Signed-in users, on an object in the path that must be theirs: B asking for A's answers 404. */
        OWNED,
        /**
         * Sandbox mode's dashboard mail: no sign-in, but only a browser on the machine Flarelink runs on; anything that
         * comes through a proxy (or from elsewhere) gets 403 and nothing of anybody's mail.
         */
        THIS_MACHINE,
        /** The container's error page, reached by error dispatch for every method. */
        ERROR_PAGE,
        /** Imported by the test only ({@code testsupport}), to reach the 500 page. */
        TEST_ONLY,
        /**
         * The JSON API: an API key only (never the session cookie), no CSRF token; checked by
         * {@link ApiRouteMatrixIntegrationTests}, not by the pages' crawls.
         */
        API_KEY
    }

    /** The object of user A a route is about. */
    enum ObjectKind {
        NONE,
        CONNECTION,
        PROJECT,
        PROVISIONING_RUN,
        TRUST_VERIFICATION,
        DATABASE,
        TABLE,
        ROW,
        CONSOLE_ENTRY,
        BUCKET,
        OBJECT,
        R2_KEY,
        ACTIVITY_EVENT,
        APP_USER,
        SESSION,
        PASSKEY,
        API_KEY
    }

    /**
     * One route. {@code url} fills the path variables and query from A's objects, and {@code form} is a POST's
     * payload that would really change them: B and the CSRF check send exactly that. {@code ownerUrl} and
     * {@code ownerForm}, when set, are what A sends instead, so that A's own check neither destroys what the other
     * checks need nor piles up new objects (a spare connection to disconnect, a wrong name typed to confirm).
     */
    record Route(
            String method,
            String pattern,
            Scope scope,
            ObjectKind kind,
            Function<Seed, String> url,
            Function<Seed, Map<String, String>> form,
            @Nullable Function<Seed, String> ownerUrl,
            @Nullable Function<Seed, Map<String, String>> ownerForm) {

        String key() {
            return method + " " + pattern;
        }

        boolean isGet() {
            return method.equals("GET");
        }

        String ownerUrl(Seed seed) {
            return ownerUrl == null ? url.apply(seed) : ownerUrl.apply(seed);
        }

        Map<String, String> ownerForm(Seed seed) {
            return ownerForm == null ? form.apply(seed) : ownerForm.apply(seed);
        }

        /** The same route with its own path variables filled by {@code filled}. */
        Route withUrl(Function<Seed, String> filled, ObjectKind objectKind) {
            return new Route(method, pattern, scope, objectKind, filled, form, ownerUrl, ownerForm);
        }

        /** A posts to {@code spare} instead. */
        Route ownerUses(Function<Seed, String> spare) {
            return new Route(method, pattern, scope, kind, url, form, spare, ownerForm);
        }

        /** A posts {@code harmless} instead. */
        Route ownerSends(Function<Seed, Map<String, String>> harmless) {
            return new Route(method, pattern, scope, kind, url, form, ownerUrl, harmless);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static final String DB = "/database/{connectionId}/{databaseId:[A-Za-z0-9-]{1,64}}";
    static final String FILES = "/files/{connectionId}/{bucket}";
    static final String USERS = "/projects/{id}/users";

    /** Routes handled by Spring Security's filters, not by a controller: no handler mapping lists them. */
    static final List<Route> FILTER_ROUTES = List.of(
            post("/signin", Scope.PUBLIC, ObjectKind.NONE, s -> "/signin", s -> Map.of("email", "x", "password", "y")),
            post("/signout", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/signout", s -> Map.of()),
            // Spring Security's WebAuthn endpoints (passkeys).
            post("/login/webauthn", Scope.PUBLIC, ObjectKind.NONE, s -> "/login/webauthn", s -> Map.of()),
            post(
                    "/webauthn/authenticate/options",
                    Scope.PUBLIC,
                    ObjectKind.NONE,
                    s -> "/webauthn/authenticate/options",
                    s -> Map.of()),
            post(
                    "/webauthn/register/options",
                    Scope.SIGNED_IN,
                    ObjectKind.NONE,
                    s -> "/webauthn/register/options",
                    s -> Map.of()),
            post("/webauthn/register", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/webauthn/register", s -> Map.of()));

    /** In the order the owner's checks run them: what destroys something comes after what still needs it. */
    static final List<Route> ROUTES = routes();

    private static List<Route> routes() {
        List<Route> r = new ArrayList<>();

        // Public pages and the error page.
        r.add(get("/", Scope.PUBLIC, ObjectKind.NONE, s -> "/"));
        r.add(get("/signin", Scope.PUBLIC, ObjectKind.NONE, s -> "/signin"));
        // Without a password step behind it, the second step sends everyone back to sign in.
        r.add(get("/signin/two-factor", Scope.PUBLIC, ObjectKind.NONE, s -> "/signin/two-factor"));
        r.add(post(
                "/signin/two-factor",
                Scope.PUBLIC,
                ObjectKind.NONE,
                s -> "/signin/two-factor",
                s -> Map.of("code", "000000")));
        r.add(get("/signup", Scope.PUBLIC, ObjectKind.NONE, s -> "/signup"));
        // A refused sign-up (password too short) creates nothing.
        r.add(post(
                "/signup",
                Scope.PUBLIC,
                ObjectKind.NONE,
                s -> "/signup",
                s -> Map.of("email", "matrix-nobody@example.com", "password", "short")));
        // Password reset: without SMTP (as here) nothing is sent; an unknown token changes nothing.
        r.add(get("/forgot-password", Scope.PUBLIC, ObjectKind.NONE, s -> "/forgot-password"));
        r.add(post(
                "/forgot-password",
                Scope.PUBLIC,
                ObjectKind.NONE,
                s -> "/forgot-password",
                s -> Map.of("email", "matrix-nobody@example.com")));
        r.add(get("/reset-password", Scope.PUBLIC, ObjectKind.NONE, s -> "/reset-password"));
        r.add(post(
                "/reset-password",
                Scope.PUBLIC,
                ObjectKind.NONE,
                s -> "/reset-password",
                s -> Map.of("token", "not-a-token", "password", "another sturdy passphrase")));
        r.add(get("/verify-email", Scope.PUBLIC, ObjectKind.NONE, s -> "/verify-email"));
        r.add(post(
                "/verify-email",
                Scope.PUBLIC,
                ObjectKind.NONE,
                s -> "/verify-email",
                s -> Map.of("token", "not-a-token")));
        r.add(get("/trust", Scope.PUBLIC, ObjectKind.NONE, s -> "/trust"));
        r.add(get("/docs", Scope.PUBLIC, ObjectKind.NONE, s -> "/docs"));
        r.add(get("/docs/{slug:[A-Za-z0-9_-]+}", Scope.PUBLIC, ObjectKind.NONE, s -> "/docs/security"));
        r.add(get("/llms.txt", Scope.PUBLIC, ObjectKind.NONE, s -> "/llms.txt"));
        r.add(get("/llms-full.txt", Scope.PUBLIC, ObjectKind.NONE, s -> "/llms-full.txt"));
        r.add(get("/changelog", Scope.PUBLIC, ObjectKind.NONE, s -> "/changelog"));
        r.add(new Route("ANY", "/error", Scope.ERROR_PAGE, ObjectKind.NONE, s -> "/error", s -> Map.of(), null, null));
        r.add(get("/test-only/fail", Scope.TEST_ONLY, ObjectKind.NONE, s -> "/test-only/fail"));
        r.add(get(
                "/test-only/fail-while-rendering",
                Scope.TEST_ONLY,
                ObjectKind.NONE,
                s -> "/test-only/fail-while-rendering"));

        // Account.
        r.add(get("/account", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/account"));
        // A wrong current password: refused, nothing changes.
        r.add(post(
                "/account/password",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/password",
                s -> Map.of("currentPassword", "not the password at all", "newPassword", "another sturdy passphrase")));
        // Two-factor, confirming who you are, sessions: wrong codes and passwords are refused and change nothing.
        r.add(get("/account/two-factor", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/account/two-factor"));
        r.add(post(
                "/account/two-factor/confirm",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/two-factor/confirm",
                s -> Map.of("code", "000000")));
        r.add(post(
                "/account/two-factor/disable",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/two-factor/disable",
                s -> Map.of("code", "000000")));
        r.add(get("/account/confirm", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/account/confirm?next=/projects"));
        r.add(post(
                "/account/confirm",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/confirm",
                s -> Map.of("password", "not the password at all", "next", "/projects")));
        r.add(get("/account/sessions", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/account/sessions"));
        // A ends its spare session; B gets 404 for it.
        r.add(post(
                "/account/sessions/{handle}/end",
                Scope.OWNED,
                ObjectKind.SESSION,
                s -> "/account/sessions/" + s.spareSession() + "/end",
                s -> Map.of()));
        r.add(post(
                "/account/sessions/end-others",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/sessions/end-others",
                s -> Map.of()));
        r.add(post(
                "/account/verify-email",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/verify-email",
                s -> Map.of()));
        r.add(get("/account/passkeys", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/account/passkeys"));
        r.add(post(
                "/account/passkeys/{id}/delete",
                Scope.OWNED,
                ObjectKind.PASSKEY,
                s -> "/account/passkeys/" + s.passkey() + "/delete",
                s -> Map.of()));
        // Starts an enrolment (a secret not yet in use): last of the account's forms.
        r.add(post(
                "/account/two-factor/start",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/two-factor/start",
                s -> Map.of()));

        // API keys (account menu). A revokes its seeded key last of its own checks: nothing later needs it.
        r.add(get("/account/api-keys", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/account/api-keys"));
        // An empty name: refused, nothing is created.
        r.add(post(
                "/account/api-keys",
                Scope.SIGNED_IN,
                ObjectKind.NONE,
                s -> "/account/api-keys",
                s -> Map.of("name", "", "scope", "full")));
        r.add(get(
                "/account/api-keys/{id}/revoke",
                Scope.OWNED,
                ObjectKind.API_KEY,
                s -> "/account/api-keys/" + s.apiKey() + "/revoke"));
        r.add(post(
                "/account/api-keys/{id}/revoke",
                Scope.OWNED,
                ObjectKind.API_KEY,
                s -> "/account/api-keys/" + s.apiKey() + "/revoke",
                s -> Map.of()));

        // Connect.
        r.add(get("/connect", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/connect"));
        r.add(post("/connect", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/connect", s -> Map.of("token", "")));
        r.add(get("/connections/{id}", Scope.OWNED, ObjectKind.CONNECTION, s -> "/connections/" + s.connection()));
        r.add(post(
                "/connections/{id}/check",
                Scope.OWNED,
                ObjectKind.CONNECTION,
                s -> "/connections/" + s.connection() + "/check",
                s -> Map.of()));
        r.add(post(
                "/connections/{id}/token",
                Scope.OWNED,
                ObjectKind.CONNECTION,
                s -> "/connections/" + s.connection() + "/token",
                s -> Map.of("token", "")));
        r.add(get(
                "/connections/{id}/disconnect",
                Scope.OWNED,
                ObjectKind.CONNECTION,
                s -> "/connections/" + s.connection() + "/disconnect"));

        // Projects, provisioning runs, trust.
        r.add(get("/projects", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/projects"));
        r.add(get("/projects/new", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/projects/new"));
        // The wizard's forms name A's connection: B gets neither a plan nor a project on it.
        r.add(post("/projects/new", Scope.SIGNED_IN, ObjectKind.CONNECTION, s -> "/projects/new", RouteMatrix::wizard));
        r.add(post(
                "/projects/plan", Scope.SIGNED_IN, ObjectKind.CONNECTION, s -> "/projects/plan", RouteMatrix::wizard));
        // A sends an invalid name, so its check creates no second project.
        r.add(post("/projects", Scope.SIGNED_IN, ObjectKind.CONNECTION, s -> "/projects", RouteMatrix::wizard)
                .ownerSends(s -> Map.of(
                        "connectionId", s.connection().toString(), "name", "Not A Valid Name", "trustedOrigins", "")));
        r.add(get("/projects/{id}", Scope.OWNED, ObjectKind.PROJECT, s -> "/projects/" + s.project()));
        r.add(get(
                "/projects/{id}/status",
                Scope.OWNED,
                ObjectKind.PROVISIONING_RUN,
                s -> "/projects/" + s.project() + "/status"));
        r.add(get(
                "/projects/{id}/verify",
                Scope.OWNED,
                ObjectKind.TRUST_VERIFICATION,
                s -> "/projects/" + s.project() + "/verify"));
        r.add(post(
                "/projects/{id}/verify",
                Scope.OWNED,
                ObjectKind.TRUST_VERIFICATION,
                s -> "/projects/" + s.project() + "/verify",
                s -> Map.of()));
        r.add(get("/projects/{id}/leave", Scope.OWNED, ObjectKind.PROJECT, s -> "/projects/" + s.project() + "/leave"));
        r.add(projectPost("/leave/check-token", s -> Map.of()));
        r.add(projectPost("/origins", s -> Map.of("trustedOrigins", "https://app.example.com")));
        r.add(projectPost("/domain", s -> Map.of("hostname", "not a hostname")));
        r.add(projectPost("/domain/detach", s -> Map.of()));
        r.add(projectPost("/service-key", s -> Map.of()));
        r.add(projectPost("/service-key/rotate", s -> Map.of()));
        // The project is active: retry is refused; A types a wrong name, which refuses the delete.
        r.add(projectPost("/retry", s -> Map.of()));
        r.add(projectPost("/redeploy", s -> Map.of()));
        r.add(projectPost("/delete", s -> Map.of("confirmName", s.projectName()))
                .ownerSends(s -> Map.of("confirmName", "not-the-name")));

        // Authentication → Settings of a project (settings live in the project's D1).
        r.add(get("/projects/{id}/auth", Scope.OWNED, ObjectKind.PROJECT, s -> "/projects/" + s.project() + "/auth"));
        r.add(get(
                "/projects/{id}/auth/preview/{kind:verify|reset|magic-link}",
                Scope.OWNED,
                ObjectKind.PROJECT,
                s -> "/projects/" + s.project() + "/auth/preview/verify"));
        r.add(projectPost("/auth/email", s -> Map.of("provider", "none")));
        r.add(projectPost("/auth/providers", s -> Map.of()));
        r.add(projectPost("/auth/templates", s -> Map.of()));
        r.add(projectPost("/auth/hashing", s -> Map.of("strength", "standard")));
        r.add(projectPost("/auth/test-email", s -> Map.of("to", "owner@example.com")));
        // Authentication → Users: the app users in A's project's D1. A's own checks sign the seeded app user out,
        // ban and unban them, find no e-mail provider for links, and delete them last.
        r.add(get(USERS, Scope.OWNED, ObjectKind.PROJECT, s -> s.usersBase()));
        r.add(get(USERS + "/new", Scope.OWNED, ObjectKind.PROJECT, s -> s.usersBase() + "/new"));
        r.add(post(
                        USERS,
                        Scope.OWNED,
                        ObjectKind.PROJECT,
                        s -> s.usersBase(),
                        s -> Map.of(
                                "email", "matrix-created-" + s.suffix() + "@example.com", "name", "B", "password", ""))
                .ownerSends(s -> Map.of("email", "not an address", "name", "", "password", "")));
        r.add(get(USERS + "/{userId}", Scope.OWNED, ObjectKind.APP_USER, s -> s.usersBase() + "/" + s.appUser()));
        for (String action : List.of("signout", "ban", "unban", "delete", "send-verification", "send-reset")) {
            // The confirmation page of each action, at the address its form posts to.
            r.add(get(
                    USERS + "/{userId}/" + action,
                    Scope.OWNED,
                    ObjectKind.APP_USER,
                    s -> s.usersBase() + "/" + s.appUser() + "/" + action));
        }
        r.add(userPost("/signout", s -> Map.of()));
        r.add(userPost("/ban", s -> Map.of("reason", "matrix", "until", "")));
        r.add(userPost("/unban", s -> Map.of()));
        r.add(userPost("/send-verification", s -> Map.of()));
        r.add(userPost("/send-reset", s -> Map.of()));
        r.add(userPost("/delete", s -> Map.of()));

        // Activity.
        r.add(get("/activity", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/activity"));
        r.add(get(
                "/activity/{seq:\\d{1,18}}",
                Scope.OWNED,
                ObjectKind.ACTIVITY_EVENT,
                s -> "/activity/" + s.activitySeq()));
        r.add(post("/activity/verify", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/activity/verify", s -> Map.of()));
        r.add(get(
                "/activity/export.{format:csv|jsonl}", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/activity/export.csv"));
        r.add(get(
                "/activity/reconcile",
                Scope.OWNED,
                ObjectKind.CONNECTION,
                s -> "/activity/reconcile?connection=" + s.connection()));

        // Database: databases, tables, rows, the console.
        // Sandbox mode's Outbox: the email of the user's own accounts only.
        r.add(get("/outbox", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/outbox"));
        // Sandbox mode without SMTP: the dashboard's own mail (resets, confirmations), for this machine's browser.
        r.add(get("/outbox/dashboard", Scope.THIS_MACHINE, ObjectKind.NONE, s -> "/outbox/dashboard"));

        r.add(get("/database", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/database"));
        r.add(get(DB, Scope.OWNED, ObjectKind.DATABASE, Seed::databaseBase));
        r.add(get(DB + "/table", Scope.OWNED, ObjectKind.TABLE, s -> s.databaseBase() + "/table?name=" + q(s.table())));
        r.add(get(
                DB + "/row",
                Scope.OWNED,
                ObjectKind.ROW,
                s -> s.databaseBase() + "/row?table=" + q(s.table()) + "&key=" + q(s.rowKey())));
        r.add(get(
                DB + "/row/new",
                Scope.OWNED,
                ObjectKind.TABLE,
                s -> s.databaseBase() + "/row/new?table=" + q(s.table())));
        r.add(get(
                DB + "/rows/delete",
                Scope.OWNED,
                ObjectKind.ROW,
                s -> s.databaseBase() + "/rows/delete?table=" + q(s.table()) + "&key=" + q(s.rowKey())));
        r.add(get(DB + "/tables/new", Scope.OWNED, ObjectKind.DATABASE, s -> s.databaseBase() + "/tables/new"));
        r.add(get(
                DB + "/table/drop",
                Scope.OWNED,
                ObjectKind.TABLE,
                s -> s.databaseBase() + "/table/drop?name=" + q(s.table())));
        r.add(get(
                DB + "/import", Scope.OWNED, ObjectKind.TABLE, s -> s.databaseBase() + "/import?name=" + q(s.table())));
        r.add(get(
                DB + "/export.csv",
                Scope.OWNED,
                ObjectKind.TABLE,
                s -> s.databaseBase() + "/export.csv?name=" + q(s.table())));
        r.add(get(
                DB + "/console",
                Scope.OWNED,
                ObjectKind.CONSOLE_ENTRY,
                s -> s.databaseBase() + "/console?entry=" + s.snippet()));
        r.add(dbPost("/console", s -> Map.of("sql", "SELECT count(*) FROM " + s.table())));
        r.add(dbPost("/console/snippets", s -> Map.of("name", "matrix again", "sql", "SELECT 2")));
        r.add(dbPost("/tables/create", s -> Map.of("table", "mx_intruder", "col_0", "id", "type_0", "INTEGER"))
                .ownerSends(s -> Map.of("table", "", "col_0", "id", "type_0", "INTEGER")));
        r.add(dbPost("/table/columns", s -> Map.of("name", s.table(), "col_0", "added", "type_0", "TEXT")));
        r.add(dbPost("/import/preview", s -> Map.of("name", s.table(), "csv", "note\nfrom the matrix\n")));
        r.add(dbPost("/import/run", s -> Map.of("name", s.table(), "csv", "note\nimported by the matrix\n")));
        r.add(dbPost(
                "/row/insert",
                s -> Map.of(
                        "table",
                        s.table(),
                        "mode_0",
                        "default",
                        "mode_1",
                        "value",
                        "value_1",
                        "inserted by the matrix")));
        r.add(dbPost(
                "/row/update",
                s -> Map.of(
                        "table",
                        s.table(),
                        "key",
                        s.rowKey(),
                        "mode_0",
                        "value",
                        "value_0",
                        "1",
                        "mode_1",
                        "value",
                        "value_1",
                        "updated by the matrix")));
        r.add(dbPost("/table/drop", s -> Map.of("name", s.table(), "typed", s.table()))
                .ownerSends(s -> Map.of("name", s.table(), "typed", "not-the-name")));
        r.add(dbPost("/console/snippets/{entryId}/delete", s -> Map.of())
                .withUrl(
                        s -> s.databaseBase() + "/console/snippets/" + s.snippet() + "/delete",
                        ObjectKind.CONSOLE_ENTRY));
        r.add(dbPost("/rows/delete", s -> Map.of("table", s.table(), "key", s.rowKey())));

        // Files: buckets, objects, R2 keys.
        r.add(get("/files", Scope.SIGNED_IN, ObjectKind.NONE, s -> "/files"));
        r.add(post(
                        "/files/{connectionId}/buckets",
                        Scope.OWNED,
                        ObjectKind.CONNECTION,
                        s -> "/files/" + s.connection() + "/buckets",
                        s -> Map.of("name", "mx-intruder-bucket"))
                .ownerSends(s -> Map.of("name", "Not_A_Valid_Bucket")));
        r.add(get(FILES, Scope.OWNED, ObjectKind.BUCKET, Seed::bucketBase));
        r.add(get(FILES + "/objects", Scope.OWNED, ObjectKind.BUCKET, s -> s.bucketBase() + "/objects"));
        r.add(get(
                FILES + "/objects/download",
                Scope.OWNED,
                ObjectKind.OBJECT,
                s -> s.bucketBase() + "/objects/download?key=" + q(s.objectKey())));
        r.add(filesPost(
                "/project",
                ObjectKind.BUCKET,
                s -> Map.of("projectId", s.project().toString())));
        // Unconfirmed, A gets the page saying what detaching would change; the bucket stays attached.
        r.add(filesPost(
                        "/project/detach",
                        ObjectKind.BUCKET,
                        s -> Map.of("projectId", s.project().toString(), "confirmed", "true"))
                .ownerSends(s -> Map.of("projectId", s.project().toString())));
        r.add(filesPost("/objects/upload-url", ObjectKind.BUCKET, s -> Map.of("key", "from-the-matrix.txt")));
        r.add(filesPost(
                "/objects/multipart/start",
                ObjectKind.BUCKET,
                s -> Map.of(
                        "key", "matrix-large.bin", "size", "209715200", "contentType", "application/octet-stream")));
        r.add(filesPost(
                "/objects/multipart/parts",
                ObjectKind.BUCKET,
                s -> Map.of("key", "matrix-large.bin", "uploadId", "matrix-upload", "from", "1", "count", "2")));
        // A completes the upload the seed started and sent one part of.
        r.add(filesPost(
                        "/objects/multipart/complete",
                        ObjectKind.BUCKET,
                        s -> Map.of(
                                "key", "matrix-large.bin", "uploadId", "matrix-upload", "partNumber", "1", "etag", "x"))
                .ownerSends(s -> Map.of(
                        "key",
                        "mx-large-" + s.suffix() + ".bin",
                        "uploadId",
                        s.uploadId(),
                        "partNumber",
                        "1",
                        "etag",
                        s.partEtag())));
        r.add(filesPost(
                "/objects/multipart/abort",
                ObjectKind.BUCKET,
                s -> Map.of("key", "matrix-large.bin", "uploadId", "matrix-upload")));
        // Unconfirmed, A gets the confirmation page and nothing is deleted.
        r.add(filesPost("/objects/delete", ObjectKind.OBJECT, s -> Map.of("keys", s.objectKey(), "confirmed", "true"))
                .ownerSends(s -> Map.of("keys", s.objectKey())));
        r.add(filesPost("/cors/uploads", ObjectKind.BUCKET, s -> Map.of("origins", "https://app.example.com")));
        r.add(filesPost(
                "/cors/rules", ObjectKind.BUCKET, s -> Map.of("origins", "https://b.example.com", "methods", "GET")));
        r.add(filesPost(
                "/cors/check",
                ObjectKind.BUCKET,
                s -> Map.of("origin", "https://app.example.com", "method", "PUT", "headers", "content-type")));
        r.add(filesPost("/cors/rules/{index}/delete", ObjectKind.BUCKET, s -> Map.of())
                .withUrl(s -> s.bucketBase() + "/cors/rules/0/delete", ObjectKind.BUCKET));
        r.add(filesPost("/cors/delete", ObjectKind.BUCKET, s -> Map.of()));
        r.add(filesPost("/keys/test", ObjectKind.BUCKET, s -> Map.of("accessKeyId", "nope", "secretAccessKey", "x")));
        r.add(filesPost("/keys", ObjectKind.R2_KEY, s -> Map.of()));
        r.add(filesPost("/keys/{keyId}/regenerate", ObjectKind.R2_KEY, s -> Map.of())
                .withUrl(s -> s.bucketBase() + "/keys/" + s.r2Key() + "/regenerate", ObjectKind.R2_KEY));
        r.add(filesPost("/keys/{keyId}/revoke", ObjectKind.R2_KEY, s -> Map.of())
                .withUrl(s -> s.bucketBase() + "/keys/" + s.r2Key() + "/revoke", ObjectKind.R2_KEY));
        r.add(filesPost("/delete", ObjectKind.BUCKET, s -> Map.of("typedName", s.bucket()))
                .ownerSends(s -> Map.of("typedName", "not-the-name")));

        // Last for A: disconnecting ends everything above, so A disconnects a spare connection.
        r.add(post(
                        "/connections/{id}/disconnect",
                        Scope.OWNED,
                        ObjectKind.CONNECTION,
                        s -> "/connections/" + s.connection() + "/disconnect",
                        s -> Map.of())
                .ownerUses(s -> "/connections/" + s.spareConnection() + "/disconnect"));
        return List.copyOf(r);
    }

    static final String QUERY = "/api/d1/query/{databaseId:[A-Za-z0-9-]{1,64}}";
    static final String API_DB = "/api/d1/databases/{databaseId:[A-Za-z0-9-]{1,64}}";
    static final String API_USERS = "/api/projects/{projectId}/users";
    static final String API_USER = "/{userId:[A-Za-z0-9_-]{1,64}}";
    static final String API_BUCKET = "/api/r2/buckets/{bucket:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]}";

    /**
     * The JSON API's routes ({@link ApiRouteMatrixIntegrationTests}), in the order A's full key runs them. {@code kind}
     * is the object of A's the route reaches (B asking for it gets 404); {@code writes} are refused to a read-only
     * key (403 READ_ONLY_KEY); {@code ownerStatus} is what A's full key gets (A sends an invalid new project, so the
     * check creates none).
     */
    static final List<ApiRoute> API_ROUTES = List.of(
            api("GET", "/api/me", ObjectKind.NONE, false, 200, s -> "/api/me", s -> null),
            api("GET", "/api/projects", ObjectKind.NONE, false, 200, s -> "/api/projects", s -> null),
            api(
                    "POST",
                    "/api/projects/plan",
                    ObjectKind.NONE,
                    false,
                    200,
                    s -> "/api/projects/plan",
                    s -> "{\"name\":\"mxplan" + s.suffix() + "\",\"trustedOrigins\":[\"https://app.example.com\"]}"),
            api(
                    "POST",
                    "/api/projects",
                    ObjectKind.NONE,
                    true,
                    400,
                    s -> "/api/projects",
                    s -> "{\"name\":\"Not A Valid Name\",\"trustedOrigins\":[]}"),
            api(
                    "GET",
                    "/api/projects/{projectId}",
                    ObjectKind.PROJECT,
                    false,
                    200,
                    s -> "/api/projects/" + s.project(),
                    s -> null),
            api(
                    "GET",
                    "/api/runs/{runId}",
                    ObjectKind.PROVISIONING_RUN,
                    false,
                    200,
                    s -> "/api/runs/" + s.run(),
                    s -> null),
            api("GET", "/api/d1/databases", ObjectKind.NONE, false, 200, s -> "/api/d1/databases", s -> null),
            api(
                    "GET",
                    API_DB + "/tables",
                    ObjectKind.DATABASE,
                    false,
                    200,
                    s -> "/api/d1/databases/" + s.databaseId() + "/tables",
                    s -> null),
            api(
                    "GET",
                    API_DB + "/tables/{table}/rows",
                    ObjectKind.TABLE,
                    false,
                    200,
                    s -> "/api/d1/databases/" + s.databaseId() + "/tables/" + s.table() + "/rows",
                    s -> null),
            api(
                    "POST",
                    QUERY,
                    ObjectKind.DATABASE,
                    false,
                    200,
                    s -> "/api/d1/query/" + s.databaseId(),
                    s -> "{\"sql\":\"SELECT note FROM " + s.table() + " WHERE note = ?\",\"params\":[\"" + s.rowValue()
                            + "\"]}"),
            api(
                    "POST",
                    QUERY,
                    ObjectKind.DATABASE,
                    true,
                    200,
                    s -> "/api/d1/query/" + s.databaseId(),
                    s -> "{\"sql\":\"INSERT INTO " + s.table() + " (note) VALUES (?)\",\"params\":[\"by the API "
                            + "matrix\"]}"),
            api("GET", "/api/r2/buckets", ObjectKind.NONE, false, 200, s -> "/api/r2/buckets", s -> null),
            api(
                    "GET",
                    API_BUCKET + "/objects",
                    ObjectKind.BUCKET,
                    false,
                    200,
                    s -> "/api/r2/buckets/" + s.bucket() + "/objects",
                    s -> null),
            api(
                    "GET",
                    API_BUCKET + "/objects/download-url",
                    ObjectKind.OBJECT,
                    false,
                    200,
                    s -> "/api/r2/buckets/" + s.bucket() + "/objects/download-url?key=" + q(s.objectKey()),
                    s -> null),
            api(
                    "POST",
                    API_BUCKET + "/objects/upload-url",
                    ObjectKind.BUCKET,
                    true,
                    200,
                    s -> "/api/r2/buckets/" + s.bucket() + "/objects/upload-url",
                    s -> "{\"key\":\"from-the-api-matrix.txt\"}"),
            api("GET", "/api/activity", ObjectKind.NONE, false, 200, s -> "/api/activity", s -> null),
            api(
                    "GET",
                    "/api/activity/export.{format:csv|jsonl}",
                    ObjectKind.NONE,
                    false,
                    200,
                    s -> "/api/activity/export.jsonl",
                    s -> null),
            api(
                    "PUT",
                    "/api/me/active-project",
                    ObjectKind.PROJECT,
                    true,
                    200,
                    s -> "/api/me/active-project",
                    s -> "{\"projectId\":\"" + s.project() + "\"}"),
            api(
                    "GET",
                    API_USERS,
                    ObjectKind.PROJECT,
                    false,
                    200,
                    s -> "/api/projects/" + s.project() + "/users",
                    s -> null),
            api(
                    "GET",
                    API_USERS + API_USER,
                    ObjectKind.APP_USER,
                    false,
                    200,
                    s -> "/api/projects/" + s.project() + "/users/" + s.appUser(),
                    s -> null),
            api(
                    "POST",
                    API_USERS + API_USER + "/signout",
                    ObjectKind.APP_USER,
                    true,
                    200,
                    s -> "/api/projects/" + s.project() + "/users/" + s.appUser() + "/signout",
                    s -> "{}"),
            api(
                    "POST",
                    API_USERS + API_USER + "/ban",
                    ObjectKind.APP_USER,
                    true,
                    200,
                    s -> "/api/projects/" + s.project() + "/users/" + s.appUser() + "/ban",
                    s -> "{\"reason\":\"API matrix\"}"),
            api(
                    "POST",
                    API_USERS + API_USER + "/unban",
                    ObjectKind.APP_USER,
                    true,
                    200,
                    s -> "/api/projects/" + s.project() + "/users/" + s.appUser() + "/unban",
                    s -> "{}"),
            api("GET", "/api/openapi.json", ObjectKind.NONE, false, 200, s -> "/api/openapi.json", s -> null),
            api("GET", "/api/openapi.json.yaml", ObjectKind.NONE, false, 200, s -> "/api/openapi.json.yaml", s -> null),
            api("ANY", "/api/**", ObjectKind.NONE, false, 404, s -> "/api/no-such-route", s -> null));

    /**
     * One JSON API route as a script calls it.
     *
     * @param writes a read-only key is refused it
     * @param ownerStatus what A's full key gets
     * @param body the JSON body, or null for none
     */
    record ApiRoute(
            String method,
            String pattern,
            ObjectKind kind,
            boolean writes,
            int ownerStatus,
            Function<Seed, String> url,
            Function<Seed, @Nullable String> body) {

        String key() {
            return method + " " + pattern;
        }

        /** An export streams CSV or JSON Lines, the OpenAPI document also comes as YAML; the rest answers JSON. */
        boolean json() {
            return !pattern.contains("/export.") && !pattern.endsWith(".yaml");
        }

        /** The API's description: anyone may read it without a key (a presented key must still be valid). */
        boolean open() {
            return pattern.startsWith("/api/openapi.json");
        }

        @Override
        public String toString() {
            return key() + (writes ? " (writing)" : "");
        }
    }

    private static ApiRoute api(
            String method,
            String pattern,
            ObjectKind kind,
            boolean writes,
            int ownerStatus,
            Function<Seed, String> url,
            Function<Seed, @Nullable String> body) {
        return new ApiRoute(method, pattern, kind, writes, ownerStatus, url, body);
    }

    private static Map<String, String> wizard(Seed s) {
        return Map.ofEntries(
                entry("connectionId", s.connection().toString()),
                entry("name", "matrix" + s.suffix()),
                entry("trustedOrigins", "https://app.example.com"),
                entry("r2Bucket", ""));
    }

    private static Route get(String pattern, Scope scope, ObjectKind kind, Function<Seed, String> url) {
        return new Route("GET", pattern, scope, kind, url, s -> Map.of(), null, null);
    }

    private static Route post(
            String pattern,
            Scope scope,
            ObjectKind kind,
            Function<Seed, String> url,
            Function<Seed, Map<String, String>> form) {
        return new Route("POST", pattern, scope, kind, url, form, null, null);
    }

    private static Route projectPost(String suffix, Function<Seed, Map<String, String>> form) {
        return post(
                "/projects/{id}" + suffix,
                Scope.OWNED,
                ObjectKind.PROJECT,
                s -> "/projects/" + s.project() + suffix,
                form);
    }

    private static Route userPost(String suffix, Function<Seed, Map<String, String>> form) {
        return post(
                USERS + "/{userId}" + suffix,
                Scope.OWNED,
                ObjectKind.APP_USER,
                s -> s.usersBase() + "/" + s.appUser() + suffix,
                form);
    }

    private static Route dbPost(String suffix, Function<Seed, Map<String, String>> form) {
        return post(DB + suffix, Scope.OWNED, ObjectKind.DATABASE, s -> s.databaseBase() + suffix, form);
    }

    private static Route filesPost(String suffix, ObjectKind kind, Function<Seed, Map<String, String>> form) {
        return post(FILES + suffix, Scope.OWNED, kind, s -> s.bucketBase() + suffix, form);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private RouteMatrix() {}
}
