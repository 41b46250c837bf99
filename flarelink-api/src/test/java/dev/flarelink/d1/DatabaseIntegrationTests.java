package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.d1.D1CreateParams;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionNotFoundException;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.support.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The table editor and console against the sandbox's real SQLite, with a real PostgreSQL for the Activity log. */
@SpringBootTest
class DatabaseIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry);
    }

    @Autowired
    DatabaseService databases;

    @Autowired
    RowEditService edits;

    @Autowired
    SqlConsoleService console;

    @Autowired
    ConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    JdbcClient jdbc;

    UUID user;
    UUID connection;
    String db;
    ConnectedAccount account;

    @BeforeEach
    void connectedDatabase() {
        user = signUp();
        String accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
        String token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        connection = connections
                .connect(user, new ConnectCommand(token, null))
                .connection()
                .id();
        account = connections.open(user, connection, null);
        db = account.call(
                api -> api.d1().create(accountId, D1CreateParams.named("app")).uuid());
    }

    private UUID signUp() {
        return accounts.signUp(new SignUpCommand(UUID.randomUUID() + "@example.com", "a sturdy passphrase of words"))
                .id();
    }

    private void sql(String statement) {
        account.call(api -> api.d1().query(account.accountId(), db, statement));
    }

    @Test
    void keysetPagesCoverEveryRowOnceForwardAndBack() {
        sql("CREATE TABLE items (id INTEGER PRIMARY KEY, grp INTEGER, label TEXT)");
        sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 237) "
                + "INSERT INTO items SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 7 END, 'r' || i FROM n");

        for (boolean descending : List.of(false, true)) {
            List<List<String>> forward =
                    walk(new RowsQuery("items", "grp", descending, List.of(), 50, null, null, false));
            List<String> all = forward.stream().flatMap(List::stream).toList();
            String order = descending ? "grp DESC, rowid DESC" : "grp ASC, rowid ASC";
            List<String> expected = account
                    .call(api -> api.d1().query(account.accountId(), db, "SELECT id FROM items ORDER BY " + order))
                    .get(0)
                    .results()
                    .stream()
                    .map(r -> String.valueOf(r.get("id")))
                    .toList();
            assertThat(all).hasSize(237).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
            assertThat(forward).hasSize(5);
        }
    }

    @Test
    void pagesTablesWithoutPrimaryKeyAndWithoutRowidSortedByUnicodeTextWithNullsAndBlobs() {
        sql("CREATE TABLE loose (label TEXT, data BLOB, doc TEXT)");
        sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 173) INSERT INTO loose "
                + "SELECT CASE WHEN i % 9 = 0 THEN NULL ELSE char(0x4e00 + i % 13) || 'é' END, randomblob(i % 4), "
                + "json_object('i', i) FROM n");
        sql("CREATE TABLE pairs (a TEXT, b INTEGER, v TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID");
        sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 121) INSERT INTO pairs "
                + "SELECT 'k' || (i % 5), i, CASE WHEN i % 4 = 0 THEN NULL ELSE 'ü' || (i % 3) END FROM n");

        List<String> loose = walk(new RowsQuery("loose", "label", true, List.of(), 50, null, null, false)).stream()
                .flatMap(List::stream)
                .toList();
        assertThat(loose)
                .hasSize(173)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(
                        column("SELECT coalesce(label, 'NULL') || '|' || hex(data) || '|' || doc AS x FROM loose "
                                + "ORDER BY label DESC, rowid DESC"));

        for (String sort : java.util.Arrays.asList(null, "v")) {
            List<String> pairs = walk(new RowsQuery("pairs", sort, false, List.of(), 50, null, null, false)).stream()
                    .flatMap(List::stream)
                    .toList();
            String order = sort == null ? "a, b" : "v, a, b";
            assertThat(pairs)
                    .hasSize(121)
                    .doesNotHaveDuplicates()
                    .containsExactlyElementsOf(column(
                            "SELECT a || '|' || b || '|' || coalesce(v, 'NULL') AS x FROM pairs ORDER BY " + order));
        }
        RowsPage first = databases.rows(user, connection, db, RowsQuery.firstPage("loose"));
        assertThat(first.rows().get(0).cells().get(2).json()).isTrue();
        assertThat(first.estimatedRows()).isEqualTo(173);
        assertThat(databases
                        .rows(user, connection, db, RowsQuery.firstPage("pairs"))
                        .estimatedRows())
                .isNull();
    }

    private List<String> column(String select) {
        return account.call(api -> api.d1().query(account.accountId(), db, select)).get(0).results().stream()
                .map(r -> String.valueOf(r.get("x")))
                .toList();
    }

    /** Follows "next" to the end, then "previous" back to the start, checking both walks see the same pages. */
    private List<List<String>> walk(RowsQuery first) {
        List<List<String>> pages = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        RowsPage page = databases.rows(user, connection, db, first);
        pages.add(ids(page));
        while (page.nextCursor() != null) {
            page = databases.rows(user, connection, db, with(first, page.nextCursor(), null));
            pages.add(ids(page));
            cursors.add(page.previousCursor());
        }
        int index = pages.size() - 1;
        while (page.previousCursor() != null) {
            page = databases.rows(user, connection, db, with(first, null, page.previousCursor()));
            index--;
            assertThat(ids(page)).isEqualTo(pages.get(index));
        }
        assertThat(index).isZero();
        return pages;
    }

    private static RowsQuery with(RowsQuery q, @Nullable String after, @Nullable String before) {
        return new RowsQuery(
                q.table(), q.sortColumn(), q.descending(), q.filters(), q.pageSize(), after, before, false);
    }

    /** Each row as its cells joined by {@code |} (BLOBs as upper-case hex, NULL as "NULL"); a lone id as itself. */
    private static List<String> ids(RowsPage page) {
        return page.rows().stream()
                .map(r -> r.cells().get(0).kind().equals("integer")
                        ? r.cells().get(0).full()
                        : String.join(
                                "|",
                                r.cells().stream()
                                        .map(DatabaseIntegrationTests::text)
                                        .toList()))
                .toList();
    }

    private static String text(CellView cell) {
        if (cell.isNull()) {
            return "NULL";
        }
        return cell.kind().equals("blob") ? cell.full().toUpperCase(java.util.Locale.ROOT) : cell.full();
    }

    @Test
    void hostileNamesAndValuesChangeNothingElse() {
        String table = "a\"; DROP TABLE x; --";
        String column = "we\"ird [col] `x`";
        sql("CREATE TABLE x (id INTEGER)");
        sql("CREATE TABLE " + SqlIdentifiers.quote(table) + " (" + SqlIdentifiers.quote(column) + " TEXT, n INTEGER)");
        String value = "'); DROP TABLE x; --";

        TableShape shape = databases.schema(user, connection, db, table).shape();
        edits.insertRow(
                user,
                connection,
                db,
                new WriteRowCommand(
                        table,
                        null,
                        Map.of(
                                0,
                                new FieldInput(FieldInput.Mode.VALUE, value),
                                1,
                                new FieldInput(FieldInput.Mode.NULL, ""))));

        RowsPage page = databases.rows(user, connection, db, RowsQuery.firstPage(table));
        assertThat(shape.columns()).extracting(ColumnInfo::name).containsExactly(column, "n");
        assertThat(page.rows()).hasSize(1);
        assertThat(page.rows().get(0).cells().get(0).full()).isEqualTo(value);
        assertThat(page.rows().get(0).cells().get(1).isNull()).isTrue();
        RowsPage filtered = databases.rows(
                user,
                connection,
                db,
                new RowsQuery(
                        table,
                        column,
                        false,
                        List.of(new RowFilter(column, FilterOperator.EQ, "x' OR '1'='1")),
                        50,
                        null,
                        null,
                        true));
        assertThat(filtered.rows()).isEmpty();
        assertThat(filtered.exactRows()).isZero();
        assertThat(databases.tables(user, connection, db, false).tables())
                .extracting(TableSummary::name)
                .contains("x", table);
    }

    @Test
    void tablesWithoutPrimaryKeyAreEditedThroughRowid() {
        sql("CREATE TABLE log (msg TEXT, data BLOB)");
        sql("INSERT INTO log VALUES ('same', x'00ff'), ('same', NULL), ('', NULL)");

        RowsPage page = databases.rows(user, connection, db, RowsQuery.firstPage("log"));
        assertThat(page.schema().shape().editedByRowid()).isTrue();
        assertThat(page.rows().get(0).cells().get(1).display()).isEqualTo("BLOB 2 B: 00ff");
        assertThat(page.rows().get(2).cells().get(0).isEmptyText()).isTrue();
        assertThat(page.rows().get(2).cells().get(1).isNull()).isTrue();

        String second = page.rows().get(1).key();
        edits.updateRow(
                user,
                connection,
                db,
                new WriteRowCommand(
                        "log",
                        second,
                        Map.of(
                                0,
                                new FieldInput(FieldInput.Mode.VALUE, "changed"),
                                1,
                                new FieldInput(FieldInput.Mode.VALUE, "0a0b"))));
        assertThat(databases.row(user, connection, db, "log", second).row().cells())
                .extracting(CellView::display)
                .containsExactly("changed", "BLOB 2 B: 0a0b");

        long deleted = edits.deleteRows(
                user,
                connection,
                db,
                new DeleteRowsCommand("log", List.of(page.rows().get(0).key(), second)));

        assertThat(deleted).isEqualTo(2);
        assertThat(databases
                        .rows(user, connection, db, RowsQuery.firstPage("log"))
                        .rows())
                .singleElement()
                .satisfies(r -> assertThat(r.cells().get(0).isEmptyText()).isTrue());
        assertThat(jdbc.sql("SELECT action FROM activity_event WHERE user_id = ? AND kind = 'action' ORDER BY seq")
                        .param(user)
                        .query(String.class)
                        .list())
                .contains("row.updated", "row.deleted");
    }

    @Test
    void badInputIsReportedPerFieldAndWritesNothing() {
        sql("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, r REAL)");

        assertThatThrownBy(() -> edits.insertRow(
                        user,
                        connection,
                        db,
                        new WriteRowCommand(
                                "t",
                                null,
                                Map.of(
                                        1,
                                        new FieldInput(FieldInput.Mode.VALUE, "twelve"),
                                        2,
                                        new FieldInput(FieldInput.Mode.VALUE, "x")))))
                .isInstanceOfSatisfying(
                        RowValidationException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsOnlyKeys(1, 2)
                                .containsEntry(1, "Enter a whole number such as 42, or choose NULL."));
        assertThat(databases
                        .rows(user, connection, db, RowsQuery.firstPage("t"))
                        .rows())
                .isEmpty();
    }

    @Test
    void authTablesOfAProvisionedDatabaseAreReadOnly() {
        sql("CREATE TABLE flarelink_config (k TEXT PRIMARY KEY, v TEXT)");
        sql("CREATE TABLE user (id TEXT PRIMARY KEY, email TEXT)");

        assertThat(databases.schema(user, connection, db, "user").readOnly()).isTrue();
        assertThatThrownBy(() -> edits.insertRow(
                        user,
                        connection,
                        db,
                        new WriteRowCommand("user", null, Map.of(0, new FieldInput(FieldInput.Mode.VALUE, "u1")))))
                .isInstanceOf(DatabaseProblemException.class)
                .hasMessageContaining("auth Worker");
    }

    @Test
    void theConsoleMasksTheWorkersSecretsWhetherItsConfigTableIsNewOrAlreadyKnown() {
        String secret = "0123456789abcdef0123456789abcdef";
        sql("CREATE TABLE notes (body TEXT)");
        sql("INSERT INTO notes VALUES ('" + secret + "')");
        assertThat(consoleCell("SELECT body FROM notes"))
                .as("no config table: nothing to hide")
                .isEqualTo(secret);

        // The table appears after a run that found none: the next run masks.
        sql("CREATE TABLE flarelink_config (key TEXT PRIMARY KEY, value TEXT)");
        sql("INSERT INTO flarelink_config VALUES ('BETTER_AUTH_SECRET', '" + secret + "')");
        long calls = cloudflareCalls();
        assertThat(consoleCell("SELECT body FROM notes")).isEqualTo("set, ends …cdef");
        assertThat(cloudflareCalls() - calls)
                .as("the query, the table's presence, its secrets")
                .isEqualTo(3);

        // Known to have the table: its presence is not asked again, its secrets are read every time.
        calls = cloudflareCalls();
        assertThat(consoleCell("SELECT body FROM notes")).isEqualTo("set, ends …cdef");
        assertThat(cloudflareCalls() - calls)
                .as("the query and the table's secrets")
                .isEqualTo(2);
        sql("UPDATE flarelink_config SET value = 'fedcba9876543210fedcba9876543210'");
        sql("INSERT INTO notes VALUES ('fedcba9876543210fedcba9876543210')");
        assertThat(consoleCell("SELECT body FROM notes WHERE body LIKE 'fed%'")).isEqualTo("set, ends …3210");

        // Dropped: nothing to hide any more, and the next run asks again.
        sql("DROP TABLE flarelink_config");
        assertThat(consoleCell("SELECT body FROM notes WHERE body LIKE 'fed%'"))
                .isEqualTo("fedcba9876543210fedcba9876543210");
        calls = cloudflareCalls();
        consoleCell("SELECT body FROM notes WHERE body LIKE 'fed%'");
        assertThat(cloudflareCalls() - calls)
                .as("the query and the table's presence")
                .isEqualTo(2);
    }

    private @Nullable Object consoleCell(String select) {
        return console.query(user, connection, db, select, List.of())
                .get(0)
                .results()
                .get(0)
                .values()
                .iterator()
                .next();
    }

    private long cloudflareCalls() {
        return jdbc.sql("select count(*) from activity_event where user_id = ? and kind = 'call'")
                .param(user)
                .query(Long.class)
                .single();
    }

    private long rawCalls() {
        return jdbc.sql("select count(*) from activity_event where user_id = ? and kind = 'call' and path like '%/raw'")
                .param(user)
                .query(Long.class)
                .single();
    }

    private long count(String sql, @Nullable Object... params) {
        Object n = account.call(api -> api.d1().query(account.accountId(), db, sql, List.of(params)))
                .get(0)
                .results()
                .get(0)
                .get("n");
        return ((Number) n).longValue();
    }

    private long tables(String like) {
        return count("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE ?", like);
    }

    @Test
    void aFailedScriptNamesItsFailingStatementAndLeavesNothingBehind() {
        sql("CREATE TABLE t (id INTEGER PRIMARY KEY)");

        ConsoleResult second = console.run(
                user,
                connection,
                db,
                new RunSqlCommand("INSERT INTO t VALUES (1);\nINSERT INTO nope VALUES (2)", true));

        assertThat(second.error()).startsWith("Statement 2 of 2 failed: ").contains("no such table: nope");
        assertThat(second.failedStatement()).isNotNull().satisfies(f -> {
            assertThat(f.number()).isEqualTo(2);
            assertThat(f.sql()).isEqualTo("INSERT INTO nope VALUES (2)");
        });
        assertThat(console.run(user, connection, db, new RunSqlCommand("SELECT count(*) FROM t", false))
                        .results()
                        .get(0)
                        .rows()
                        .get(0)
                        .get(0)
                        .full())
                .isEqualTo("0");

        long before = rawCalls();
        String five = "CREATE TABLE u (id INTEGER PRIMARY KEY);\n"
                + "INSERT INTO u VALUES (1);\n"
                + "CREATE TRIGGER u_ins AFTER INSERT ON u BEGIN INSERT INTO t VALUES (NEW.id + 100); END;\n"
                + "INSERT INTO u VALUES (1);\n"
                + "INSERT INTO u VALUES (3)";
        ConsoleResult fourth = console.run(user, connection, db, new RunSqlCommand(five, true));

        assertThat(fourth.error()).startsWith("Statement 4 of 5 failed: ").contains("UNIQUE constraint failed: u.id");
        assertThat(fourth.failedStatement()).isNotNull().satisfies(f -> {
            assertThat(f.sql()).isEqualTo("INSERT INTO u VALUES (1)");
            assertThat(five.substring(f.start(), f.end())).isEqualTo(f.sql());
            assertThat(f.start()).isEqualTo(five.lastIndexOf("INSERT INTO u VALUES (1)"));
        });
        // The run, then two rolled-back probes (statements 1-3 pass, 1-4 fail); never more than ceil(log2 5) = 3.
        assertThat(rawCalls() - before).isEqualTo(3);
        assertThat(tables("u")).isZero();
        assertThat(tables("u_ins")).isZero();
        assertThat(tables("__flarelink_probe%")).isZero();
        assertThat(count("SELECT count(*) AS n FROM t")).isZero();

        ConsoleResult first = console.run(
                user, connection, db, new RunSqlCommand("SELEC 1; INSERT INTO t VALUES (7); SELECT 2", true));
        assertThat(first.error()).startsWith("Statement 1 of 3 failed: SQLite could not read the SQL:");
        assertThat(first.failedStatement())
                .isNotNull()
                .extracting(ConsoleResult.FailedStatement::sql)
                .isEqualTo("SELEC 1");
        assertThat(console.run(user, connection, db, new RunSqlCommand("SELEC 1", false))
                        .failedStatement())
                .isNull();
    }

    @Test
    void consoleConfirmsWritesRunsAtomicallyAndTranslatesErrors() {
        sql("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        String script = "INSERT INTO t VALUES (1); INSERT INTO nope VALUES (2)";

        ConsoleResult asked = console.run(user, connection, db, new RunSqlCommand(script, false));
        assertThat(asked.needsConfirmation()).isTrue();
        sql("INSERT INTO t VALUES (5), (6), (7)");
        ConsoleResult impact = console.run(
                user, connection, db, new RunSqlCommand("DELETE FROM t WHERE id > 5; UPDATE t SET id = 9", false));
        assertThat(impact.impacts()).extracting(ConsoleResult.Impact::rows).containsExactly(2L, 3L);
        sql("DELETE FROM t");
        ConsoleResult failed = console.run(user, connection, db, new RunSqlCommand(script, true));
        assertThat(failed.error()).contains("no such table: nope");
        ConsoleResult count =
                console.run(user, connection, db, new RunSqlCommand("SELECT count(*) AS n FROM t", false));
        assertThat(count.results().get(0).rows().get(0).get(0).full()).isEqualTo("0");

        assertThat(console.run(user, connection, db, new RunSqlCommand("SELEC 1", false))
                        .error())
                .startsWith("SQLite could not read the SQL:")
                .contains("syntax error");
        String tooLong = "SELECT '" + "x".repeat(100_001) + "'";
        assertThat(console.run(user, connection, db, new RunSqlCommand(tooLong, false))
                        .error())
                .contains("100,000 bytes");
        String manyParams = "SELECT " + "?, ".repeat(100) + "?";
        assertThat(console.run(user, connection, db, new RunSqlCommand(manyParams, false))
                        .error())
                .isNotNull();
    }

    @Test
    void consoleShowsAtMostAThousandRows() {
        ConsoleResult result = console.run(
                user,
                connection,
                db,
                new RunSqlCommand(
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) SELECT i FROM n",
                        false));

        ConsoleResult.StatementResult first = result.results().get(0);
        assertThat(first.totalRows()).isEqualTo(1500);
        assertThat(first.rows()).hasSize(1000);
        assertThat(first.truncated()).isTrue();
    }

    @Autowired
    CsvExport export;

    @Autowired
    CsvImport csvImport;

    @Test
    void importsCsvInChunksStopsAtTheFirstRefusedChunkAndSaysWhatWasWritten() {
        sql("CREATE TABLE imp (id INTEGER PRIMARY KEY, name TEXT, score REAL)");
        StringBuilder csv = new StringBuilder("id,name,score\r\n");
        for (int i = 1; i <= 1500; i++) {
            int id = i == 1400 ? 5 : i; // row 1400 repeats id 5: the third chunk breaks the primary key
            csv.append(id)
                    .append(',')
                    .append(i % 10 == 0 ? "" : "\"n, " + i + "\"")
                    .append(',')
                    .append(i % 7 == 0 ? "" : i / 2.0)
                    .append("\n");
        }
        ImportPreview preview = csvImport.preview(user, connection, db, "imp", csv.toString());
        assertThat(preview.importable()).isTrue();
        assertThat(preview.rowCount()).isEqualTo(1500);
        assertThat(preview.sample().get(0)).containsExactly("1", "n, 1", "0.5");

        ImportReport report = csvImport.importRows(
                user, connection, db, new ImportCommand("imp", csv.toString(), java.util.Set.of("score")));

        assertThat(report.complete()).isFalse();
        assertThat(report.chunks()).isEqualTo(2);
        assertThat(report.rowsWritten()).isEqualTo(1320);
        assertThat(report.failedFromRow()).isEqualTo(1321);
        assertThat(report.failure()).contains("UNIQUE constraint failed");
        var counts = account.call(api -> api.d1()
                        .query(
                                account.accountId(),
                                db,
                                "SELECT count(*) AS n, sum(name = '') AS empty, sum(score IS NULL) AS nulls FROM imp"))
                .get(0)
                .results()
                .get(0);
        assertThat(counts.get("n")).isEqualTo(1320);
        assertThat(counts.get("empty")).isEqualTo(132);
        assertThat(counts.get("nulls")).isEqualTo(188);
    }

    @Test
    void aCsvWithABadRowIsReportedAndWritesNothing() {
        sql("CREATE TABLE imp (id INTEGER PRIMARY KEY, score REAL NOT NULL)");
        String csv = "id,score\n1,2.5\n2,lots\n3\n4,\n";

        ImportPreview preview = csvImport.preview(user, connection, db, "imp", csv);
        assertThat(preview.problems())
                .containsExactly(
                        "Row 2, column \"score\": Enter a number such as 3.14, or choose NULL.",
                        "Row 3 has 1 fields; the first line names 2.");
        assertThatThrownBy(() -> csvImport.importRows(
                        user, connection, db, new ImportCommand("imp", csv, java.util.Set.of("score"))))
                .isInstanceOf(DatabaseProblemException.class)
                .hasMessageStartingWith("Nothing was imported:");
        assertThat(csvImport
                        .preview(user, connection, db, "imp", "id,nope\n1,2\n")
                        .problems())
                .containsExactly("The column \"nope\" is not in the table. Rename it in the first line.");
        assertThat(databases
                        .rows(user, connection, db, RowsQuery.firstPage("imp"))
                        .rows())
                .isEmpty();
    }

    @Autowired
    SchemaEditService schemaEdits;

    @Test
    void createsTablesWithLogicalTypesAddsColumnsAndDropsOnlyWithTheTypedName() {
        String name = "people'); DROP TABLE x; --";
        sql("CREATE TABLE x (id INTEGER)");
        schemaEdits.createTable(
                user,
                connection,
                db,
                new CreateTableCommand(
                        name,
                        List.of(
                                new ColumnSpec("id", LogicalType.UUID, true, true, null),
                                new ColumnSpec("email", LogicalType.EMAIL, true, false, null),
                                new ColumnSpec("profile", LogicalType.JSON, false, false, null),
                                new ColumnSpec("active", LogicalType.BOOLEAN, true, false, "1"),
                                new ColumnSpec("note", LogicalType.TEXT, false, false, "it's"),
                                new ColumnSpec("joined", LogicalType.DATETIME, true, false, "now"))));
        String uuid = "0b6f0f3e-6a8d-4c8e-9a53-5a7d3c1e2f40";
        String table = SqlIdentifiers.quote(name);
        sql("INSERT INTO " + table + " (id, email, profile) VALUES ('" + uuid + "', 'a@b.co', '{\"a\":1}')");

        assertThat(console.run(
                                user,
                                connection,
                                db,
                                new RunSqlCommand(
                                        "INSERT INTO " + table + " (id, email) VALUES ('nope', 'a@b.co')", true))
                        .error())
                .contains("CHECK constraint failed");
        assertThat(console.run(
                                user,
                                connection,
                                db,
                                new RunSqlCommand(
                                        "INSERT INTO " + table + " (id, email, profile) VALUES ('"
                                                + uuid.replace('0', '1') + "', 'a@b.co', '{oops')",
                                        true))
                        .error())
                .contains("CHECK constraint failed");
        RowsPage page = databases.rows(user, connection, db, RowsQuery.firstPage(name));
        assertThat(page.rows()).singleElement().satisfies(r -> {
            assertThat(r.cells().get(3).full()).isEqualTo("1");
            assertThat(r.cells().get(4).full()).isEqualTo("it's");
            assertThat(r.cells().get(5).full()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        });

        schemaEdits.addColumn(user, connection, db, name, new ColumnSpec("site", LogicalType.URL, false, false, null));
        assertThat(databases.schema(user, connection, db, name).columns())
                .extracting(ColumnInfo::name)
                .contains("site");

        assertThatThrownBy(() -> schemaEdits.dropTable(user, connection, db, name, "people"))
                .isInstanceOf(DatabaseProblemException.class);
        schemaEdits.dropTable(user, connection, db, name, name);
        assertThat(databases.tables(user, connection, db, false).tables())
                .extracting(TableSummary::name)
                .containsExactly("x");
    }

    @Autowired
    ConsoleLibrary library;

    @Test
    void keepsTheHistoryOfRunsAndSnippetsPerUser() {
        console.run(user, connection, db, new RunSqlCommand("SELECT 1", false));
        console.run(user, connection, db, new RunSqlCommand("SELEC 2", false));
        console.run(user, connection, db, new RunSqlCommand("DELETE FROM nothing", false)); // not run: not history
        ConsoleEntry saved = library.saveSnippet(user, connection, db, new SaveSnippetCommand(" Users ", "SELECT 3"));

        assertThat(library.history(user, connection, db))
                .extracting(ConsoleEntry::sql, ConsoleEntry::outcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("SELECT 1", "ok"),
                        org.assertj.core.groups.Tuple.tuple("SELEC 2", "failed"));
        assertThat(library.snippets(user, connection, db)).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Users");
            assertThat(e.sql()).isEqualTo("SELECT 3");
        });
        UUID stranger = signUp();
        assertThatThrownBy(() -> library.entry(stranger, connection, db, saved.id()))
                .isInstanceOf(DatabaseNotFoundException.class);
        assertThatThrownBy(() -> library.deleteSnippet(stranger, connection, db, saved.id()))
                .isInstanceOf(DatabaseNotFoundException.class);
        assertThatThrownBy(() -> library.saveSnippet(stranger, connection, db, new SaveSnippetCommand("x", "SELECT 1")))
                .isInstanceOf(ConnectionNotFoundException.class);
        assertThatThrownBy(() -> library.saveSnippet(user, connection, db, new SaveSnippetCommand(" ", "SELECT 1")))
                .isInstanceOf(DatabaseProblemException.class);

        library.deleteSnippet(user, connection, db, saved.id());
        assertThat(library.snippets(user, connection, db)).isEmpty();
    }

    @Test
    void historyAndSnippetsBelongToTheDatabaseTheConsoleIsFor() {
        String other = account.call(api -> api.d1()
                .create(account.accountId(), D1CreateParams.named("other"))
                .uuid());
        console.run(user, connection, db, new RunSqlCommand("SELECT 'in app'", false));
        ConsoleEntry appSnippet =
                library.saveSnippet(user, connection, db, new SaveSnippetCommand("app only", "SELECT 1"));
        console.run(user, connection, other, new RunSqlCommand("SELECT 'in other'", false));

        assertThat(library.history(user, connection, db))
                .extracting(ConsoleEntry::sql)
                .containsExactly("SELECT 'in app'");
        assertThat(library.history(user, connection, other))
                .extracting(ConsoleEntry::sql)
                .containsExactly("SELECT 'in other'");
        assertThat(library.snippets(user, connection, other)).isEmpty();
        assertThat(library.entry(user, connection, db, appSnippet.id()).sql()).isEqualTo("SELECT 1");
        assertThatThrownBy(() -> library.entry(user, connection, other, appSnippet.id()))
                .isInstanceOf(DatabaseNotFoundException.class);
        assertThatThrownBy(() -> library.deleteSnippet(user, connection, other, appSnippet.id()))
                .isInstanceOf(DatabaseNotFoundException.class);
        assertThat(library.snippets(user, connection, db)).hasSize(1);
    }

    @Test
    void exportsAWholeTableInKeysetChunks() {
        sql("CREATE TABLE e (id INTEGER PRIMARY KEY, note TEXT)");
        sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1203) "
                + "INSERT INTO e SELECT i, CASE i WHEN 1 THEN NULL WHEN 2 THEN '' WHEN 3 THEN 'a,\"b\"' ELSE 'n' || i END "
                + "FROM n");
        java.io.StringWriter out = new java.io.StringWriter();

        long rows = export.exportTable(user, connection, db, "e", out);

        List<String> lines = List.of(out.toString().split("\r\n"));
        assertThat(rows).isEqualTo(1203);
        assertThat(lines).hasSize(1204).doesNotHaveDuplicates();
        assertThat(lines.subList(0, 5)).containsExactly("id,note", "1,", "2,\"\"", "3,\"a,\"\"b\"\"\"", "4,n4");
        assertThat(lines.get(1203)).isEqualTo("1203,n1203");
    }

    @Test
    void anotherUsersConnectionIsNotFound() {
        UUID stranger = signUp();

        assertThatThrownBy(() -> databases.tables(stranger, connection, db, false))
                .isInstanceOf(ConnectionNotFoundException.class);
        assertThatThrownBy(() -> console.run(stranger, connection, db, new RunSqlCommand("SELECT 1", false)))
                .isInstanceOf(ConnectionNotFoundException.class);
    }
}
