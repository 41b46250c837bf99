package dev.flarelink.d1.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.d1.D1CreateParams;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxPermission;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.d1.SqlIdentifiers;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Database pages over real HTTP (sessions, CSRF, error pages) against the sandbox's D1. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class DatabasePagesIntegrationTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final String XSS = "<script>alert(1)</script>";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    CloudflareSandbox sandbox;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionService connections;

    BrowserlessSession browser;
    ConnectedAccount account;
    String base;
    String email;

    @BeforeEach
    void signedInWithADatabase() {
        String email = Emails.unique("db");
        UUID user = accounts.signUp(new SignUpCommand(email, PASSWORD)).id();
        String accountId = sandbox.createAccount("Acme " + UUID.randomUUID());
        String token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive())
                .value();
        UUID connection = connections
                .connect(user, new ConnectCommand(token, null))
                .connection()
                .id();
        account = connections.open(user, connection, null);
        String db = account.call(
                api -> api.d1().create(accountId, D1CreateParams.named("app")).uuid());
        base = "/database/" + connection + "/" + db;
        this.email = email;
        browser = signIn(email);
    }

    private BrowserlessSession signIn(String email) {
        BrowserlessSession session = new BrowserlessSession(port);
        session.submit("/signin", "/signin", Map.of("email", email, "password", PASSWORD));
        return session;
    }

    private void sql(String statement) {
        String db = base.substring(base.lastIndexOf('/') + 1);
        account.call(api -> api.d1().query(account.accountId(), db, statement));
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aPersonOpensATableInsertsAndEditsARowAndQueriesItInABrowser() {
        sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, done BOOLEAN)");
        WebDriver chrome = Chromium.start();
        try {
            chrome.get("http://localhost:" + port + "/signin");
            chrome.findElement(By.id("email")).sendKeys(email);
            chrome.findElement(By.id("password")).sendKeys(PASSWORD);
            chrome.findElement(By.cssSelector("button[type=submit].primary")).click();
            chrome.findElement(By.linkText("Database")).click();
            chrome.findElement(By.linkText("app")).click();
            chrome.findElement(By.linkText("notes")).click();
            chrome.findElement(By.linkText("Insert row")).click();
            chrome.findElement(By.id("value_1")).sendKeys("buy <milk>");
            chrome.findElement(By.cssSelector("input[name=mode_2][value=null]")).click();
            chrome.findElement(By.xpath("//button[text()='Insert row']")).click();
            assertThat(chrome.findElement(By.id("flash")).getText()).contains("Row inserted.");
            assertThat(chrome.findElement(By.cssSelector("table.rows tbody")).getText())
                    .contains("buy <milk>")
                    .contains("NULL");

            chrome.findElement(By.linkText("Edit")).click();
            WebElement body = chrome.findElement(By.id("value_1"));
            body.clear();
            body.sendKeys("buy oat milk");
            chrome.findElement(By.cssSelector("input[name=mode_2][value=value]"))
                    .click();
            chrome.findElement(By.xpath("//button[text()='Save row']")).click();
            assertThat(chrome.findElement(By.cssSelector("table.rows tbody")).getText())
                    .contains("buy oat milk");

            chrome.get("http://localhost:" + port + base + "/console");
            chrome.findElement(By.id("sql")).sendKeys("SELECT body, done FROM notes");
            chrome.findElement(By.xpath("//button[text()='Run']")).click();
            assertThat(chrome.findElement(By.cssSelector(".console-result")).getText())
                    .contains("buy oat milk")
                    .contains("1 row ·")
                    .doesNotContain("row(s)");
        } finally {
            chrome.quit();
        }
    }

    @Test
    void createsATableAddsAColumnAndDropsItOnlyWithTheTypedName() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("table", "tasks");
        fields.put("col_0", "id");
        fields.put("type_0", "INTEGER");
        fields.put("pk_0", "on");
        fields.put("col_1", "meta");
        fields.put("type_1", "JSON");
        HttpResponse<String> created = browser.submit(base + "/tables/new", base + "/tables/create", fields);
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(v -> assertThat(v).endsWith("/table?name=tasks"));
        assertThat(browser.get(base + "/table?name=tasks").body()).contains("Table “tasks” created.");

        String table = base + "/table?name=tasks";
        browser.submit(table, base + "/table/columns", Map.of("name", "tasks", "col_0", "due", "type_0", "DATETIME"));
        assertThat(browser.get(table).body()).contains("Column added.").contains(">due</td>");

        String wrong = browser.submit(
                        base + "/table/drop?name=tasks", base + "/table/drop", Map.of("name", "tasks", "typed", "task"))
                .body();
        assertThat(wrong).contains("Type the table&#39;s name exactly");
        assertThat(browser.get(table).statusCode()).isEqualTo(200);
        HttpResponse<String> dropped = browser.submit(
                base + "/table/drop?name=tasks", base + "/table/drop", Map.of("name", "tasks", "typed", "tasks"));
        assertThat(dropped.statusCode()).isEqualTo(302);
        assertThat(browser.get(table).statusCode()).isEqualTo(404);
    }

    @Test
    void importsCsvAfterAPreviewWithTheEmptyVersusNullChoice() {
        sql("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, nick TEXT)");
        String csv = "id,name,nick\r\n1,Ada,\r\n2,,\"<b>\"\r\n";
        String page = base + "/import?name=people";

        String preview = browser.submit(page, base + "/import/preview", Map.of("name", "people", "csv", csv))
                .body();
        assertThat(preview)
                .contains("2 data rows in the file")
                .contains("Import 2 rows")
                .contains("&lt;b&gt;");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "people");
        fields.put("csv", csv);
        fields.put("emptyAsNull", "nick");
        String report = browser.submit(page, base + "/import/run", fields).body();
        assertThat(report).contains("Imported all 2 rows in 1 D1 call.");

        String grid = browser.get(base + "/table?name=people").body();
        assertThat(grid).contains("<span class=\"cell-null\">NULL</span>").contains("title=\"empty string\"");
        String bad = browser.submit(page, base + "/import/preview", Map.of("name", "people", "csv", "id,age\n1,2\n"))
                .body();
        assertThat(bad)
                .contains("The column &quot;age&quot; is not in the table.")
                .doesNotContain("Import 1 rows");
    }

    @Test
    void listsDatabasesAndTablesWithInternalOnesBehindAToggle() {
        sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        sql("CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY, name TEXT)");

        assertThat(browser.get("/database").body()).contains(">app</a>").contains(base);
        String tables = browser.get(base).body();
        assertThat(tables)
                .contains(">notes</a>")
                .doesNotContain(">d1_migrations</a>")
                .contains("1 internal table(s) hidden");
        assertThat(browser.get(base + "?internal=true").body()).contains(">d1_migrations</a>");
    }

    @Test
    void htmlInNamesAndValuesIsRenderedAsTextAndNullDiffersFromEmpty() {
        String table = "t" + XSS;
        sql("CREATE TABLE " + SqlIdentifiers.quote(table) + " (id INTEGER PRIMARY KEY, "
                + SqlIdentifiers.quote("c" + XSS) + " TEXT)");
        sql("INSERT INTO " + SqlIdentifiers.quote(table) + " VALUES (1, '" + XSS + "'), (2, NULL), (3, '')");

        HttpResponse<String> page = browser.get(base + "/table?name=" + q(table));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .doesNotContain(XSS)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<span class=\"cell-null\">NULL</span>")
                .contains("<span class=\"cell-empty\" title=\"empty string\">empty</span>");
        assertThat(browser.get(base + "/console").statusCode()).isEqualTo(200);
        String console = browser.submit(
                        base + "/console",
                        base + "/console",
                        Map.of("sql", "SELECT '" + XSS + "' AS \"" + XSS + "\"; SELEC 1"))
                .body();
        assertThat(console).doesNotContain(XSS).contains("syntax error");
    }

    @Test
    void insertEditAndDeleteRowsThroughTheForms() {
        sql("CREATE TABLE log (msg TEXT, n INTEGER)");
        String form = base + "/row/new?table=log";

        HttpResponse<String> bad = browser.submit(
                form,
                base + "/row/insert",
                Map.of("table", "log", "mode_0", "value", "value_0", "hi", "mode_1", "value", "value_1", "many"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("Enter a whole number such as 42, or choose NULL.");

        for (String msg : new String[] {"first", "second", "third"}) {
            HttpResponse<String> ok = browser.submit(
                    form,
                    base + "/row/insert",
                    Map.of("table", "log", "mode_0", "value", "value_0", msg, "mode_1", "null", "value_1", ""));
            assertThat(ok.statusCode()).isEqualTo(302);
        }
        String grid = browser.get(base + "/table?name=log").body();
        assertThat(grid).contains("rows are identified by").contains(">first<").contains(">third<");
        String firstKey = keys(grid).get(0);
        String secondKey = keys(grid).get(1);

        String rowPage = base + "/row?table=log&key=" + q(firstKey);
        HttpResponse<String> saved = browser.submit(
                rowPage,
                base + "/row/update",
                Map.of(
                        "table", "log", "key", firstKey, "mode_0", "value", "value_0", "edited", "mode_1", "value",
                        "value_1", "7"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(browser.get(base + "/table?name=log").body())
                .contains("Row saved.")
                .contains(">edited<");

        String confirm = browser.get(base + "/rows/delete?table=log&key=" + q(firstKey) + "&key=" + q(secondKey))
                .body();
        assertThat(confirm).contains("Delete <strong>2 rows</strong>");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("table", "log");
        fields.put("key", firstKey);
        HttpResponse<String> deleted =
                browser.submit(base + "/rows/delete?table=log&key=" + q(firstKey), base + "/rows/delete", fields);
        assertThat(deleted.statusCode()).isEqualTo(302);
        String after = browser.get(base + "/table?name=log").body();
        assertThat(after).contains("Deleted 1 row.").doesNotContain(">edited<").contains(">second<");
    }

    private static java.util.List<String> keys(String grid) {
        Matcher m = Pattern.compile("name=\"key\" form=\"delete-form\" value=\"([^\"]+)\"")
                .matcher(grid);
        java.util.List<String> keys = new java.util.ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void sortingOrFilteringOnAColumnWithoutAnIndexSaysSoAndOffersToCreateIt() {
        sql("CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, city TEXT)");
        sql("CREATE INDEX people_city ON people (city)");
        sql("INSERT INTO people (email, city) VALUES ('a@example.com', 'Ghent')");
        String table = base + "/table?name=people";

        assertThat(browser.get(table).body()).doesNotContain("has no index");
        assertThat(browser.get(table + "&sort=id").body()).doesNotContain("has no index");
        assertThat(browser.get(table + "&sort=city&fc=city&fo=eq&fv=Ghent").body())
                .doesNotContain("has no index");

        String sorted = browser.get(table + "&sort=email").body();
        assertThat(sorted)
                .containsPattern("<strong>email</strong> has no index, so\\s+sorting on it")
                .contains("Create an index on email…");
        assertThat(browser.get(table + "&sort=email&fc=email&fo=eq&fv=x").body())
                .containsPattern("so\\s+sorting and filtering on it");

        // The offer goes through the console's confirmation, which shows the statement before anything runs.
        Matcher offered = Pattern.compile("name=\"sql\" value=\"([^\"]+)\"").matcher(sorted);
        assertThat(offered.find()).isTrue();
        String create = offered.group(1).replace("&quot;", "\"");
        assertThat(create).isEqualTo("CREATE INDEX \"idx_people_email\" ON \"people\" (\"email\")");
        assertThat(browser.submit(table, base + "/console", Map.of("sql", create))
                        .body())
                .contains("This script changes the database")
                .contains("Run it: I checked what it changes");
        assertThat(browser.get(table + "&sort=email").body())
                .as("nothing ran before the confirmation")
                .contains("has no index");

        browser.submit(base + "/console", base + "/console", Map.of("sql", create, "confirmed", "true"));
        assertThat(browser.get(table + "&sort=email").body()).doesNotContain("has no index");
    }

    @Test
    void theEditorSaysOneRowNotOneRowsAndLeavesOutWhatHasNothingToShow() {
        sql("CREATE TABLE single (id INTEGER PRIMARY KEY, body TEXT)");
        sql("INSERT INTO single (body) VALUES ('only')");

        String grid = browser.get(base + "/table?name=single").body();
        assertThat(grid)
                .containsPattern("About <span>1</span>\\s+row in the table")
                .doesNotContain("1</span> rows");
        assertThat(grid).as("a single page has no pager links").doesNotContain("First page");
        assertThat(grid).as("no Default column when no column has a default").doesNotContain(">Default</th>");
        assertThat(browser.get(base + "/table?name=single&count=exact").body())
                .containsPattern("1</span> matching\\s+row\\s+\\(exact\\)");

        String created = browser.submit(
                        base + "/console",
                        base + "/console",
                        Map.of("sql", "CREATE TABLE other (id INTEGER PRIMARY KEY)", "confirmed", "true"))
                .body();
        assertThat(created).contains("0 rows").doesNotContain("row(s)");
        assertThat(created).as("no export of a statement without rows").doesNotContain("Export CSV");
        assertThat(browser.submit(base + "/console", base + "/console", Map.of("sql", "SELECT body FROM single"))
                        .body())
                .contains("1 row")
                .contains("Export CSV");
    }

    @Test
    void consoleAsksBeforeWritingAndRunsOnlyWhenConfirmed() {
        sql("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        sql("INSERT INTO t VALUES (1), (2)");

        String asked = browser.submit(base + "/console", base + "/console", Map.of("sql", "DELETE FROM t"))
                .body();
        assertThat(asked)
                .contains("This script changes the database")
                .contains("without WHERE")
                .contains("<strong>will touch 2 rows</strong>");
        assertThat(browser.submit(base + "/console", base + "/console", Map.of("sql", "SELECT count(*) FROM t"))
                        .body())
                .contains(">2</span>");

        browser.submit(base + "/console", base + "/console", Map.of("sql", "DELETE FROM t", "confirmed", "true"));
        String saved = browser.submit(
                        base + "/console",
                        base + "/console/snippets",
                        Map.of("name", "Count " + XSS, "sql", "SELECT count(*) FROM t"))
                .body();
        assertThat(saved).contains("Snippet saved.").doesNotContain(XSS).contains("Count &lt;script&gt;");
        assertThat(saved).contains("<code>DELETE FROM t</code>");
        assertThat(browser.submit(base + "/console", base + "/console", Map.of("sql", "SELECT count(*) FROM t"))
                        .body())
                .contains(">0</span>");
    }

    @Test
    void aFailedScriptNamesTheStatementAndShowsItAsText() {
        sql("CREATE TABLE t (id INTEGER PRIMARY KEY)");

        String page = browser.submit(
                        base + "/console",
                        base + "/console",
                        Map.of(
                                "sql",
                                "INSERT INTO t VALUES (1);\nINSERT INTO nope VALUES ('" + XSS + "');\nSELECT 2",
                                "confirmed",
                                "true"))
                .body();

        assertThat(page)
                .doesNotContain(XSS)
                .contains("Statement 2 of 3 failed: D1 refused the statement, so nothing was changed: no such table: "
                        + "nope")
                .containsPattern("<pre class=\"failed-statement\" id=\"failed-statement\" data-start=\"\\d+\" "
                        + "data-end=\"\\d+\">INSERT INTO nope VALUES \\(&#39;&lt;script&gt;alert\\(1\\)"
                        + "&lt;/script&gt;&#39;\\)</pre>")
                .contains("/js/console.js");
        assertThat(browser.submit(base + "/console", base + "/console", Map.of("sql", "SELECT count(*) FROM t"))
                        .body())
                .contains(">0</span>");
    }

    private static final Pattern ENTRY = Pattern.compile("console\\?entry=([0-9a-f-]{36})");

    @Test
    void historyAndSnippetsAreTheConsolesDatabaseOnly() {
        String otherDb = account.call(api -> api.d1()
                .create(account.accountId(), D1CreateParams.named("other"))
                .uuid());
        String other = base.substring(0, base.lastIndexOf('/') + 1) + otherDb;
        browser.submit(base + "/console", base + "/console", Map.of("sql", "SELECT 'ran in app'"));
        String saved = browser.submit(
                        base + "/console",
                        base + "/console/snippets",
                        Map.of("name", "app snippet", "sql", "SELECT 'saved in app'"))
                .body();
        Matcher entries = ENTRY.matcher(saved);
        assertThat(entries.find()).isTrue();
        String snippet = entries.group(1);

        String otherConsole = browser.get(other + "/console").body();
        assertThat(otherConsole)
                .doesNotContain("ran in app")
                .doesNotContain("app snippet")
                .contains("Nothing run yet.");
        assertThat(browser.get(base + "/console?entry=" + snippet).body()).contains("SELECT &#39;saved in app&#39;");
        assertThat(browser.get(other + "/console?entry=" + snippet).statusCode())
                .isEqualTo(404);
        assertThat(browser.submit(other + "/console", other + "/console/snippets/" + snippet + "/delete", Map.of())
                        .statusCode())
                .isEqualTo(404);
        String email = Emails.unique("other");
        accounts.signUp(new SignUpCommand(email, PASSWORD));
        BrowserlessSession stranger = signIn(email);
        assertThat(stranger.get(base + "/console?entry=" + snippet).statusCode())
                .isEqualTo(404);
        assertThat(browser.get(base + "/console").body()).contains("app snippet");
    }

    private static final Pattern EXPORT_BUTTON = Pattern.compile("<button[^>]*console-export[^>]*>");
    private static final Pattern CONTENT = Pattern.compile("data-content=\"([A-Za-z0-9+/=]*)\"");
    private static final Pattern FILENAME = Pattern.compile("data-filename=\"([^\"]+)\"");

    /** The export buttons' files as the page carries them, by file name. */
    static Map<String, String> exports(String page) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher button = EXPORT_BUTTON.matcher(page);
        while (button.find()) {
            Matcher content = CONTENT.matcher(button.group());
            Matcher filename = FILENAME.matcher(button.group());
            assertThat(content.find() && filename.find()).as(button.group()).isTrue();
            files.put(
                    filename.group(1),
                    new String(java.util.Base64.getDecoder().decode(content.group(1)), StandardCharsets.UTF_8));
        }
        return files;
    }

    static final String EXPORT_TABLE = "CREATE TABLE x (id INTEGER PRIMARY KEY, note TEXT, n REAL)";
    static final String EXPORT_ROWS = "INSERT INTO x VALUES (1, NULL, 1.5), (2, '', NULL), (3, 'a,\"b\"' || char(10) "
            + "|| 'c', -2), (4, 'Zoë 🦊 データ', 0), (5, '" + XSS + "', NULL)";

    @Test
    void exportsEveryReturnedRowAsCsvAndJsonWithoutRunningAgain() {
        sql(EXPORT_TABLE);
        sql(EXPORT_ROWS);
        sql("WITH RECURSIVE k(i) AS (SELECT 6 UNION ALL SELECT i + 1 FROM k WHERE i < 1500) "
                + "INSERT INTO x SELECT i, 'r' || i, i FROM k");
        String db = base.substring(base.lastIndexOf('/') + 1);

        String page = browser.submit(
                        base + "/console",
                        base + "/console",
                        Map.of("sql", "SELECT id, note, n FROM x ORDER BY id; SELECT 1 AS one"))
                .body();

        assertThat(page).contains("Showing the first 1000 of 1500 rows").doesNotContain(XSS);
        Map<String, String> files = exports(page);
        assertThat(files.keySet())
                .containsExactly(
                        db + "-result-1.csv", db + "-result-1.json", db + "-result-2.csv", db + "-result-2.json");
        String csv = files.get(db + "-result-1.csv");
        assertThat(csv)
                .startsWith("id,note,n\r\n1,,1.5\r\n2,\"\",\r\n3,\"a,\"\"b\"\"\nc\",-2.0\r\n4,Zoë 🦊 データ,0.0\r\n5,"
                        + XSS + ",\r\n6,r6,6.0\r\n")
                .endsWith("1500,r1500,1500.0\r\n");
        assertThat(csv.split("\r\n")).hasSize(1501);
        String json = files.get(db + "-result-1.json");
        assertThat(json.replaceAll("\\s+", ""))
                .startsWith("[{\"id\":1,\"note\":null,\"n\":1.5},{\"id\":2,\"note\":\"\",\"n\":null},"
                        + "{\"id\":3,\"note\":\"a,\\\"b\\\"\\nc\",\"n\":-2.0},{\"id\":4,\"note\":\"Zoë🦊データ\",\"n\":0.0},"
                        + "{\"id\":5,\"note\":\"<script>alert(1)</script>\",\"n\":null},")
                .endsWith("{\"id\":1500,\"note\":\"r1500\",\"n\":1500.0}]");
        assertThat(files.get(db + "-result-2.csv")).isEqualTo("one\r\n1\r\n");
    }

    @Test
    void theAuthWorkersSecretsAreMaskedInTheGridTheRowPageTheExportAndTheConsole() {
        String authSecret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab1a2b";
        String r2Secret = "r2SecretAccessKeyValueThatMustStayHidden9f8e";
        sql("CREATE TABLE flarelink_config (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER)");
        sql("INSERT INTO flarelink_config (key, value) VALUES ('BETTER_AUTH_SECRET', '" + authSecret + "'), "
                + "('R2_SECRET_ACCESS_KEY', '" + r2Secret + "'), ('TRUSTED_ORIGINS', 'https://app.example.com')");
        List<String> leaks = List.of(authSecret, r2Secret, authSecret.substring(10, 30));

        String grid = browser.get(base + "/table?name=flarelink_config").body();
        assertThat(grid).contains("set, ends …1a2b").contains("set, ends …9f8e").contains("https://app.example.com");
        assertThat(leaks).allSatisfy(leak -> assertThat(grid).doesNotContain(leak));

        Matcher rowLink = Pattern.compile("href=\"([^\"]*/row\\?[^\"]*)\"").matcher(grid);
        int rowPages = 0;
        while (rowLink.find()) {
            String rowPage = browser.get(rowLink.group(1).replace("&amp;", "&")).body();
            assertThat(leaks).allSatisfy(leak -> assertThat(rowPage).doesNotContain(leak));
            rowPages++;
        }
        assertThat(rowPages).as("row pages checked").isEqualTo(3);

        String csv = browser.get(base + "/export.csv?name=flarelink_config").body();
        assertThat(csv).contains("BETTER_AUTH_SECRET,\"set, ends …1a2b\"").contains("https://app.example.com");
        assertThat(leaks).allSatisfy(leak -> assertThat(csv).doesNotContain(leak));

        // The console runs whatever it is given: a plain read, a piece of a secret and a renamed column are masked.
        String console = browser.submit(
                        base + "/console",
                        base + "/console",
                        Map.of(
                                "sql",
                                "SELECT * FROM flarelink_config; SELECT substr(value, 11, 20) AS piece, value AS v "
                                        + "FROM flarelink_config WHERE key = 'BETTER_AUTH_SECRET'"))
                .body();
        assertThat(console).contains("set, ends …1a2b").contains("https://app.example.com");
        assertThat(leaks).allSatisfy(leak -> assertThat(console).doesNotContain(leak));
        Map<String, String> files = exports(console);
        assertThat(files).hasSize(4);
        files.values()
                .forEach(file ->
                        assertThat(leaks).allSatisfy(leak -> assertThat(file).doesNotContain(leak)));
    }

    @Test
    void csvExportsNeutraliseFormulasWhileJsonKeepsExactValues() {
        sql("CREATE TABLE f (id INTEGER PRIMARY KEY, v TEXT, n REAL)");
        sql("INSERT INTO f VALUES (1, '=HYPERLINK(\"http://x\")', -2), (2, '+1', NULL), (3, '-cmd', NULL), "
                + "(4, '@SUM(A1)', NULL), (5, char(9) || 'tab', NULL), (6, char(13) || 'cr', NULL), "
                + "(7, '''quoted', NULL), (8, 'plain = fine', NULL)");
        String expected = "id,v,n\r\n1,\"'=HYPERLINK(\"\"http://x\"\")\",-2.0\r\n2,'+1,\r\n3,'-cmd,\r\n"
                + "4,'@SUM(A1),\r\n5,'\ttab,\r\n6,\"'\rcr\",\r\n7,''quoted,\r\n8,plain = fine,\r\n";

        assertThat(browser.get(base + "/export.csv?name=f").body()).isEqualTo(expected);

        String db = base.substring(base.lastIndexOf('/') + 1);
        Map<String, String> files = exports(browser.submit(
                        base + "/console", base + "/console", Map.of("sql", "SELECT id, v, n FROM f ORDER BY id"))
                .body());
        assertThat(files.get(db + "-result-1.csv")).isEqualTo(expected);
        assertThat(files.get(db + "-result-1.json").replaceAll("\\s+", ""))
                .startsWith("[{\"id\":1,\"v\":\"=HYPERLINK(\\\"http://x\\\")\",\"n\":-2.0},"
                        + "{\"id\":2,\"v\":\"+1\",\"n\":null},{\"id\":3,\"v\":\"-cmd\",\"n\":null},")
                .contains("{\"id\":7,\"v\":\"'quoted\",\"n\":null}");
    }

    @Test
    void aTableExportWithALineBreakInItsNameIsAnswerableNotAServerError() {
        HttpResponse<String> missing = browser.get(base + "/export.csv?name=" + q("no\r\nSet-Cookie: x=y"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Set-Cookie")).isEmpty();

        sql("CREATE TABLE \"two\nlines\" (id INTEGER PRIMARY KEY)");
        sql("INSERT INTO \"two\nlines\" VALUES (1)");
        HttpResponse<String> export = browser.get(base + "/export.csv?name=" + q("two\nlines"));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).isEqualTo("id\r\n1\r\n");
        assertThat(export.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(
                        header -> assertThat(header).doesNotContain("\n").contains("two_lines.csv"));
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long d1Calls() {
        return jdbc.sql("select count(*) from activity_event where kind = 'call' and connection_id = ?")
                .param(account.connectionId())
                .query(Long.class)
                .single();
    }

    @Test
    void aPersonExportsAConsoleResultAsCsvAndJsonInABrowser() throws Exception {
        sql(EXPORT_TABLE);
        sql(EXPORT_ROWS);
        String db = base.substring(base.lastIndexOf('/') + 1);
        java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("flarelink-downloads-");
        WebDriver chrome = Chromium.start(downloads);
        try {
            chrome.get("http://localhost:" + port + "/signin");
            chrome.findElement(By.id("email")).sendKeys(email);
            chrome.findElement(By.id("password")).sendKeys(PASSWORD);
            chrome.findElement(By.cssSelector("button[type=submit].primary")).click();
            chrome.get("http://localhost:" + port + base + "/console");
            chrome.findElement(By.id("sql")).sendKeys("SELECT id, note, n FROM x ORDER BY id");
            chrome.findElement(By.xpath("//button[text()='Run']")).click();
            // A slow run can outlast the click's wait for navigation: count D1 calls only once its result is shown.
            new org.openqa.selenium.support.ui.WebDriverWait(chrome, java.time.Duration.ofSeconds(30))
                    .until(d ->
                            !d.findElements(By.cssSelector(".console-result")).isEmpty());
            long callsAfterRun = d1Calls();

            chrome.findElement(By.xpath("//button[text()='Export CSV']")).click();
            chrome.findElement(By.xpath("//button[text()='Export JSON']")).click();

            String csv = downloaded(downloads.resolve(db + "-result-1.csv"));
            assertThat(csv)
                    .isEqualTo("id,note,n\r\n1,,1.5\r\n2,\"\",\r\n3,\"a,\"\"b\"\"\nc\",-2.0\r\n"
                            + "4,Zoë 🦊 データ,0.0\r\n5," + XSS + ",\r\n");
            String json = downloaded(downloads.resolve(db + "-result-1.json"));
            tools.jackson.databind.JsonNode rows =
                    tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
            assertThat(rows.size()).isEqualTo(5);
            assertThat(rows.get(0).get("note").isNull()).isTrue();
            assertThat(rows.get(1).get("note").asString()).isEmpty();
            assertThat(rows.get(2).get("note").asString()).isEqualTo("a,\"b\"\nc");
            assertThat(rows.get(3).get("note").asString()).isEqualTo("Zoë 🦊 データ");
            assertThat(rows.get(4).get("note").asString()).isEqualTo(XSS);
            assertThat(rows.get(0).propertyNames()).containsExactly("id", "note", "n");
            assertThat(d1Calls()).as("exporting ran nothing on D1").isEqualTo(callsAfterRun);

            WebElement box = chrome.findElement(By.id("sql"));
            box.clear();
            box.sendKeys("SELECT 1;\nINSERT INTO x VALUES (1, 'twice', 0);\nSELECT 2");
            chrome.findElement(By.xpath("//button[text()='Run']")).click();
            chrome.findElement(By.cssSelector("button.danger")).click();
            assertThat(chrome.findElement(By.cssSelector(".console-error")).getText())
                    .contains("Statement 2 of 3 failed:")
                    .contains("UNIQUE constraint failed: x.id");
            Object selected = ((org.openqa.selenium.JavascriptExecutor) chrome)
                    .executeScript("var b = document.getElementById('sql');"
                            + " return b.value.substring(b.selectionStart, b.selectionEnd);");
            assertThat(selected).isEqualTo("INSERT INTO x VALUES (1, 'twice', 0)");
        } finally {
            chrome.quit();
        }
    }

    /** Waits for Chromium to finish saving a download (it writes a .crdownload first). */
    private static String downloaded(java.nio.file.Path file) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!java.nio.file.Files.exists(file)
                || java.nio.file.Files.exists(file.resolveSibling(file.getFileName() + ".crdownload"))) {
            assertThat(System.nanoTime()).as("download of %s", file).isLessThan(deadline);
            Thread.sleep(100);
        }
        return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void anotherUserGetsNotFoundEverywhere() {
        sql("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        String email = Emails.unique("other");
        accounts.signUp(new SignUpCommand(email, PASSWORD));
        BrowserlessSession stranger = signIn(email);

        assertThat(stranger.get(base).statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/table?name=t").statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/console").statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/row/new?table=t").statusCode()).isEqualTo(404);
        assertThat(stranger.get(base + "/export.csv?name=t").statusCode()).isEqualTo(404);
        HttpResponse<String> csv = browser.get(base + "/export.csv?name=t");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        assertThat(csv.body()).isEqualTo("id\r\n");
        assertThat(stranger.submit("/account", base + "/console", Map.of("sql", "DROP TABLE t", "confirmed", "true"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(browser.get(base + "/table?name=t").statusCode()).isEqualTo(200);
    }

    @Test
    void everyPostNeedsTheCsrfToken() {
        sql("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        sql("INSERT INTO t VALUES (1)");

        for (String path : new String[] {"/console", "/row/insert", "/row/update", "/rows/delete"}) {
            HttpResponse<String> response = browser.post(
                    base + path,
                    Map.of(
                            "sql",
                            "DELETE FROM t",
                            "confirmed",
                            "true",
                            "table",
                            "t",
                            "key",
                            "WzFd",
                            "mode_0",
                            "value",
                            "value_0",
                            "5"));
            assertThat(response.statusCode()).as(path).isEqualTo(403);
        }
        assertThat(browser.submit(base + "/console", base + "/console", Map.of("sql", "SELECT count(*) FROM t"))
                        .body())
                .contains(">1</span>");
    }
}
