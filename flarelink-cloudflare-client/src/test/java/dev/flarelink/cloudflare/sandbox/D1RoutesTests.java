package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class D1RoutesTests extends SandboxFixture {

    String db;

    @BeforeEach
    void createDatabase() {
        db = api.post(accounts("/d1/database"), token.value(), map("name", "app-db"))
                .result()
                .path("uuid")
                .asString();
        query("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, age INTEGER)", List.of());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void rejectsADuplicateNameWith7502() {
        Http.Reply duplicate = api.post(accounts("/d1/database"), token.value(), map("name", "app-db"));

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo(7502);
    }

    @Test
    void listsGetsByUuidOrNameAndDeletes() {
        assertThat(api.get(accounts("/d1/database"), token.value())
                        .result()
                        .path(0)
                        .path("uuid")
                        .asString())
                .isEqualTo(db);
        Http.Reply byName = api.get(accounts("/d1/database/app-db"), token.value());
        assertThat(byName.result().path("uuid").asString()).isEqualTo(db);
        assertThat(byName.result().path("num_tables").asInt()).isEqualTo(1);
        assertThat(byName.result().path("file_size").asLong()).isPositive();

        assertThat(api.delete(accounts("/d1/database/" + db), token.value()).status())
                .isEqualTo(200);
        Http.Reply gone = api.get(accounts("/d1/database/" + db), token.value());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(7404);
    }

    @Test
    void queryBindsParamsAndReportsMeta() {
        Http.Reply insert = query("INSERT INTO users (email, age) VALUES (?, ?)", List.of("a@b.c", 42));
        JsonNode meta = insert.result().path(0).path("meta");
        assertThat(meta.path("changes").asInt()).isEqualTo(1);
        assertThat(meta.path("last_row_id").asInt()).isEqualTo(1);
        assertThat(meta.path("rows_written").asInt()).isEqualTo(1);
        assertThat(meta.path("changed_db").asBoolean()).isTrue();
        assertThat(meta.path("size_after").asLong()).isPositive();
        assertThat(meta.has("duration")).isTrue();
        assertThat(meta.path("timings").has("sql_duration_ms")).isTrue();

        Http.Reply select = query("SELECT id, email, age FROM users WHERE email = ?", List.of("a@b.c"));
        JsonNode row = select.result().path(0).path("results").path(0);
        assertThat(row.path("email").asString()).isEqualTo("a@b.c");
        assertThat(row.path("age").isIntegralNumber()).isTrue();
        assertThat(row.path("age").asInt()).isEqualTo(42);
        assertThat(select.result().path(0).path("meta").path("rows_read").asInt())
                .isEqualTo(1);
        assertThat(select.result().path(0).path("meta").path("changes").asInt()).isZero();
    }

    @Test
    void rawReturnsColumnsAndRows() {
        query("INSERT INTO users (email, age) VALUES ('x@y.z', 7)", List.of());

        Http.Reply raw = api.post(
                accounts("/d1/database/" + db + "/raw"), token.value(), map("sql", "SELECT email, age FROM users"));

        JsonNode results = raw.result().path(0).path("results");
        assertThat(results.path("columns").toString()).isEqualTo("[\"email\",\"age\"]");
        assertThat(results.path("rows").toString()).isEqualTo("[[\"x@y.z\",7]]");
    }

    @Test
    void constraintViolationIsARealSqliteError() {
        query("INSERT INTO users (email) VALUES ('dup@x')", List.of());

        Http.Reply duplicate = query("INSERT INTO users (email) VALUES ('dup@x')", List.of());
        Http.Reply noTable = query("SELECT * FROM nope", List.of());

        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorCode()).isEqualTo(7500);
        assertThat(message(duplicate))
                .isEqualTo(
                        "UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)");
        assertThat(message(noTable)).isEqualTo("no such table: nope: SQLITE_ERROR");
    }

    @Test
    void multiStatementSqlAndBatchesAreAtomic() {
        Http.Reply failing = query(
                "INSERT INTO users (email) VALUES ('one@x'); INSERT INTO users (email) VALUES ('one@x')", List.of());
        Http.Reply failingBatch = api.post(
                accounts("/d1/database/" + db + "/query"),
                token.value(),
                map(
                        "batch",
                        List.of(
                                map("sql", "INSERT INTO users (email) VALUES (?)", "params", List.of("two@x")),
                                map(
                                        "sql",
                                        "INSERT INTO users (email, nope) VALUES (?, 1)",
                                        "params",
                                        List.of("three@x")))));

        assertThat(failing.errorCode()).isEqualTo(7500);
        assertThat(failingBatch.errorCode()).isEqualTo(7500);
        assertThat(count()).isZero();

        Http.Reply batch = api.post(
                accounts("/d1/database/" + db + "/query"),
                token.value(),
                map(
                        "batch",
                        List.of(
                                map("sql", "INSERT INTO users (email) VALUES (?)", "params", List.of("two@x")),
                                map("sql", "SELECT count(*) AS n FROM users"))));
        assertThat(batch.result().size()).isEqualTo(2);
        assertThat(batch.result().path(1).path("results").path(0).path("n").asInt())
                .isEqualTo(1);
    }

    @Test
    void splitsTriggerBodiesAndQuotedSemicolonsCorrectly() {
        Http.Reply reply = query(
                "CREATE TABLE log (msg TEXT);\r\n"
                        + "CREATE TRIGGER t AFTER INSERT ON users BEGIN INSERT INTO log VALUES ('new; user'); END;\n"
                        + "INSERT INTO users (email) VALUES ('semi;colon@x'); -- trailing comment",
                List.of());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.result().size()).isEqualTo(3);
        assertThat(query("SELECT msg FROM log", List.of())
                        .result()
                        .path(0)
                        .path("results")
                        .path(0)
                        .path("msg")
                        .asString())
                .isEqualTo("new; user");
    }

    @Test
    void enforcesTheStatementLengthAndBoundParameterLimits() {
        String longStatement = "SELECT '" + "x".repeat(D1Engine.MAX_STATEMENT_BYTES) + "'";
        List<Object> params = new ArrayList<>(Collections.nCopies(101, 1));
        String placeholders = String.join(",", Collections.nCopies(101, "?"));

        Http.Reply tooLong = query(longStatement, List.of());
        Http.Reply tooMany = query("SELECT " + placeholders, params);
        Http.Reply hundred = query("SELECT " + String.join(",", Collections.nCopies(100, "?")), params.subList(0, 100));

        assertThat(tooLong.errorCode()).isEqualTo(7500);
        assertThat(message(tooLong)).isEqualTo("statement too long: SQLITE_TOOBIG");
        assertThat(tooMany.errorCode()).isEqualTo(7500);
        assertThat(message(tooMany)).contains("too many SQL variables");
        assertThat(hundred.status()).isEqualTo(200);
    }

    @Test
    void enforcesForeignKeysAsD1Does() {
        query("CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id))", List.of());

        Http.Reply orphan = query("INSERT INTO posts (user_id) VALUES (99)", List.of());

        assertThat(message(orphan)).contains("FOREIGN KEY constraint failed");
    }

    private int count() {
        return query("SELECT count(*) AS n FROM users", List.of())
                .result()
                .path(0)
                .path("results")
                .path(0)
                .path("n")
                .asInt();
    }

    private Http.Reply query(String sql, List<Object> params) {
        return api.post(accounts("/d1/database/" + db + "/query"), token.value(), map("sql", sql, "params", params));
    }

    private static String message(Http.Reply reply) {
        return reply.json().path("errors").path(0).path("message").asString();
    }
}
