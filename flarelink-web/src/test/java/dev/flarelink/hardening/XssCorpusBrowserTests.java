package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.cloudflare.sandbox.SandboxToken;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Goal G10, XSS in a real browser: a corpus of payloads is seeded through the real flows and the sandbox into D1
 * cells, table and column names, R2 object keys, a Cloudflare account name, Cloudflare error messages, console SQL
 * (and so Activity entries), a snippet name and reflected form fields. Every page that shows them is opened in
 * headless Chromium with a detector installed before any page script runs: a dialog, a CSP violation, an inline
 * event handler or a {@code javascript:} URL in the DOM fails the test, and each payload must be visible as text.
 * Positive controls prove the detector sees a violation and a dialog on a real page of the app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XssCorpusBrowserTests {

    /** The corpus; "tl...tl" markers make a Thymeleaf evaluation visible as "tl49tl". */
    static final List<String> CORPUS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "'><svg onload=alert(1)>",
            "javascript:alert(1)",
            "</textarea><script>alert(1)</script>",
            "tl{{7*7}}tl",
            "tl[[${7*7}]]tl",
            "tl__${7*7}__tl",
            "\" autofocus onfocus=alert(1) x=\"",
            "uni\u2028line\u2029para \u202Eevil\u202C \u65e5\u672c <b>x</b>");

    private static final String EVALUATED = "tl49tl";
    private static final String CLOUDFLARE_ERROR = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>";
    private static final String ACCOUNT_NAME = "Acme \"><img src=x onerror=alert(1)> <script>alert(1)</script>";
    private static final Pattern EVENT_LINK = Pattern.compile("href=\"(/activity/\\d+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Installed with CDP before any script of each page runs (so also before a payload could): records CSP
     * violations and calls of alert/confirm/prompt; the real dialog still opens, which WebDriver reports too.
     */
    private static final String DETECTOR = """
            (function () {
              var seen = { violations: [], dialogs: [] };
              Object.defineProperty(window, '__xssDetector', { value: seen });
              document.addEventListener('securitypolicyviolation', function (e) {
                seen.violations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
              }, true);
              ['alert', 'confirm', 'prompt'].forEach(function (name) {
                var original = window[name];
                window[name] = function () {
                  seen.dialogs.push(name + '(' + Array.prototype.join.call(arguments, ',') + ')');
                  return original.apply(window, arguments);
                };
              });
            })();""";

    /** What the page did: the detector's records, and the DOM's handlers and script URLs. */
    private static final String INSPECT = """
            var done = arguments[arguments.length - 1];
            var URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc'];
            setTimeout(function () {
              var seen = window.__xssDetector;
              var handlers = [];
              document.querySelectorAll('*').forEach(function (el) {
                Array.prototype.forEach.call(el.attributes, function (a) {
                  var name = a.name.toLowerCase();
                  var value = (a.value || '').replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
                  var url = URL_ATTRIBUTES.indexOf(name) >= 0;
                  if (name.indexOf('on') === 0 || (url && value.indexOf('javascript:') === 0)) {
                    handlers.push(el.tagName.toLowerCase() + '[' + a.name + ']');
                  }
                });
              });
              var fields = Array.prototype.map.call(
                  document.querySelectorAll('input, textarea, select'), function (f) { return f.value; });
              done({
                installed: !!seen,
                violations: seen ? seen.violations.slice() : [],
                dialogs: seen ? seen.dialogs.slice() : [],
                handlers: handlers,
                text: document.body.innerText + '\\n' + fields.join('\\n') + '\\n' + document.title
              });
            }, 150);""";

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
    ProvisioningService provisioning;

    WebDriver chrome;
    String email;
    UUID user;
    UUID connection;
    UUID project;
    UUID failedProject;
    String db;
    String bucketPage;
    RecordingSession session;

    @BeforeAll
    void seedTheCorpusThroughTheRealFlows() throws Exception {
        long started = System.nanoTime();
        session = new RecordingSession(port);
        email = Emails.unique("xss");
        user = CanarySeed.signUp(session, accounts, email);
        SandboxToken token = CanarySeed.accountWithToken(sandbox, ACCOUNT_NAME);
        connection = CanarySeed.connect(session, token.value());

        String bucket = "corpus-" + CanarySeed.suffix();
        project = CanarySeed.createProject(
                session, provisioning, "corpus" + CanarySeed.suffix(), "https://app.example.com", bucket);
        assertThat(provisioning.get(user, project).status()).isEqualTo("active");
        db = "/database/" + connection + "/" + provisioning.get(user, project).d1DatabaseId();

        sandbox.switches().rejectNext("POST", "/accounts/*/storage/kv/namespaces", 1, 400, 10014, CLOUDFLARE_ERROR);
        failedProject = CanarySeed.createProject(
                session, provisioning, "broken" + CanarySeed.suffix(), "https://app.example.com", "");
        assertThat(provisioning.get(user, failedProject).status()).isNotEqualTo("active");

        String console = db + "/console";
        HttpResponse<String> seeded = session.submit(console, console, Map.of("sql", seedSql(), "confirmed", "true"));
        assertThat(seeded.body()).as("the console ran the seed script").doesNotContain("alert error");
        session.submit(console, console + "/snippets", Map.of("name", CORPUS.get(1), "sql", "SELECT 1"));

        bucketPage = "/files/" + connection + "/" + bucket;
        assertThat(session.submit(bucketPage, bucketPage + "/keys", Map.of()).statusCode())
                .isEqualTo(200);
        for (String key : CORPUS) {
            upload(key);
        }
        System.out.printf(
                "XSS corpus seeded in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        chrome = Chromium.start();
        ((HasCdp) chrome).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", DETECTOR));
        signIn();
    }

    @AfterAll
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    void theDetectorSeesAViolationAndADialogOnARealPage() {
        open("/projects");
        ((JavascriptExecutor) chrome)
                .executeScript("document.body.insertAdjacentHTML('beforeend', '<img src=\"x\" onerror=\"alert(1)\">"
                        + "<a href=\" javascript:alert(1)\">x</a>');");
        List<String> violation = inspect("control: injected inline handler", List.of());
        assertThat(violation)
                .as("the app's CSP blocks the handler and the detector reports it")
                .anyMatch(finding -> finding.contains("CSP violation") && finding.contains("script-src"))
                .anyMatch(finding -> finding.contains("img[onerror]"))
                .anyMatch(finding -> finding.contains("a[href]"));

        open("/projects");
        ((JavascriptExecutor) chrome).executeScript("setTimeout(function () { alert('control'); }, 0);");
        List<String> dialog = inspect("control: alert", List.of());
        assertThat(dialog).as("a dialog is reported").anyMatch(finding -> finding.contains("dialog"));

        open("/projects");
        assertThat(inspect("control: a clean page", List.of("Projects"))).isEmpty();
    }

    @Test
    void noPayloadRunsAnywhereAndEachShowsAsText() {
        long started = System.nanoTime();
        List<String> findings = new ArrayList<>();
        int pages = 0;

        findings.addAll(visit("/connect", List.of(ACCOUNT_NAME)));
        findings.addAll(visit("/connections/" + connection, List.of(ACCOUNT_NAME)));
        findings.addAll(visit("/projects/" + failedProject, List.of(CLOUDFLARE_ERROR)));
        findings.addAll(visit("/projects/" + project, List.of()));
        findings.addAll(visit(db, CORPUS));
        findings.addAll(visit(db + "/table?name=corpus", CORPUS));
        for (String list : List.of("/projects", "/database", "/files", "/activity")) {
            findings.addAll(visit(list, List.of())); // they name the account, and must not run it
        }
        pages += 10;
        for (String payload : CORPUS) {
            findings.addAll(visit(db + "/table?name=" + encode(payload), List.of(payload)));
            pages++;
        }
        open(db + "/table?name=corpus");
        chrome.findElement(By.linkText("Edit")).click();
        findings.addAll(inspect("the corpus row's edit page", CORPUS));
        findings.addAll(visit(db + "/console", List.of(CORPUS.get(1))));
        chrome.findElement(By.linkText("Load")).click();
        findings.addAll(inspect("the console with the seed script loaded from its history", CORPUS));
        findings.addAll(runInConsole("SELECT * FROM \"" + CORPUS.get(1) + "missing\"", List.of(CORPUS.get(1))));
        findings.addAll(runInConsole(
                "SELECT '" + CORPUS.get(0) + "' AS \"" + CORPUS.get(2) + "\"", List.of(CORPUS.get(0), CORPUS.get(2))));
        pages += 5;

        findings.addAll(visit(bucketPage + "/objects", topLevelNames()));
        pages++;
        for (String key : CORPUS) {
            int slash = key.lastIndexOf('/');
            if (slash >= 0) {
                String folder = key.substring(0, slash + 1);
                findings.addAll(visit(
                        bucketPage + "/objects?prefix=" + encode(folder),
                        List.of("/" + folder, key.substring(slash + 1))));
                pages++;
            }
        }

        findings.addAll(visit(
                "/activity?q=" + encode("alert(1)") + "&action=" + encode(CORPUS.get(8)),
                List.of("alert(1)", CORPUS.get(8))));
        String activity =
                session.get("/activity?q=" + encode("CREATE TABLE corpus")).body();
        Matcher events = EVENT_LINK.matcher(activity);
        assertThat(events.find()).as("the seed script is an Activity event").isTrue();
        findings.addAll(visit(events.group(1), CORPUS));
        Matcher uploads = EVENT_LINK.matcher(
                session.get("/activity?action=object.upload_signed").body());
        assertThat(uploads.find())
                .as("presigning an upload is an Activity event")
                .isTrue();
        findings.addAll(visit(uploads.group(1), List.of(CORPUS.get(CORPUS.size() - 1))));
        pages += 3;

        open("/projects/new");
        chrome.findElement(By.id("name")).sendKeys(CORPUS.get(1));
        chrome.findElement(By.id("trustedOrigins")).sendKeys(CORPUS.get(3));
        chrome.findElement(By.xpath("//button[text()='Review the plan']")).click();
        findings.addAll(inspect("the refused project form", List.of(CORPUS.get(1), CORPUS.get(3))));
        assertThat(chrome.findElement(By.id("name-error")).getText())
                .as("the name is refused")
                .isNotBlank();
        assertThat(chrome.findElement(By.id("trustedOrigins-error")).getText())
                .as("the origin is refused")
                .isNotBlank();
        pages++;

        assertThat(provisioning.projectsOf(user))
                .as("refused input created nothing")
                .hasSize(2);
        assertThat(findings)
                .as("executions, CSP violations, injected handlers or payloads not shown")
                .isEmpty();
        System.out.printf(
                "XSS corpus: %d pages checked in %d ms%n",
                pages, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private List<String> runInConsole(String sql, List<String> expected) {
        open(db + "/console");
        chrome.findElement(By.id("sql")).sendKeys(sql);
        chrome.findElement(By.xpath("//button[text()='Run']")).click();
        return inspect("the console's answer to " + sql.length() + "-character SQL", expected);
    }

    private List<String> visit(String path, List<String> expected) {
        open(path);
        return inspect(path, expected);
    }

    private void open(String path) {
        chrome.get("http://localhost:" + port + path);
    }

    /** What went wrong on the current page: dialogs, violations, handlers, a payload missing or evaluated. */
    @SuppressWarnings("unchecked")
    private List<String> inspect(String where, List<String> expected) {
        List<String> findings = new ArrayList<>();
        Map<String, Object> seen;
        try {
            new WebDriverWait(chrome, Duration.ofSeconds(30))
                    .until(d ->
                            "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
            seen = (Map<String, Object>) ((JavascriptExecutor) chrome).executeAsyncScript(INSPECT);
        } catch (UnhandledAlertException dialog) {
            findings.add(where + ": a dialog opened (" + dialog.getAlertText() + ")");
            return findings;
        }
        if (!Boolean.TRUE.equals(seen.get("installed"))) {
            findings.add(where + ": the detector was not installed");
        }
        ((List<String>) seen.get("dialogs")).forEach(d -> findings.add(where + ": dialog " + d));
        ((List<String>) seen.get("violations")).forEach(v -> findings.add(where + ": CSP violation " + v));
        ((List<String>) seen.get("handlers")).forEach(h -> findings.add(where + ": script in the DOM at " + h));
        String text = (String) seen.get("text");
        for (String payload : expected) {
            if (!text.contains(payload)) {
                findings.add(where + ": payload not shown as text: "
                        + JsonMapper.shared().writeValueAsString(payload));
            }
        }
        if (text.contains(EVALUATED)) {
            findings.add(where + ": a template expression was evaluated (" + EVALUATED + ")");
        }
        return findings;
    }

    private void signIn() {
        open("/signin");
        chrome.findElement(By.id("email")).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys(CanarySeed.PASSWORD);
        chrome.findElement(By.cssSelector("button[type=submit].primary")).click();
        assertThat(chrome.getCurrentUrl()).endsWith("/projects");
    }

    /** Tables named by each payload holding it, and one table whose columns are named by all and hold all. */
    private static String seedSql() {
        StringBuilder sql = new StringBuilder("CREATE TABLE corpus (id INTEGER PRIMARY KEY");
        for (String payload : CORPUS) {
            sql.append(", ").append(identifier(payload)).append(" TEXT");
        }
        sql.append(");\nINSERT INTO corpus (")
                .append(CORPUS.stream().map(XssCorpusBrowserTests::identifier).collect(Collectors.joining(", ")))
                .append(") VALUES (")
                .append(CORPUS.stream().map(XssCorpusBrowserTests::literal).collect(Collectors.joining(", ")))
                .append(");\n");
        for (String payload : CORPUS) {
            sql.append("CREATE TABLE ").append(identifier(payload)).append(" (v TEXT);\n");
            sql.append("INSERT INTO ")
                    .append(identifier(payload))
                    .append(" VALUES (")
                    .append(literal(payload))
                    .append(");\n");
        }
        return sql.toString();
    }

    /** Uploads an object under the payload as its key, the way the Files page does: a presigned PUT to R2. */
    private void upload(String key) throws IOException, InterruptedException {
        String objects = bucketPage + "/objects";
        HttpResponse<String> signed = session.submit(objects, objects + "/upload-url", Map.of("key", key));
        assertThat(signed.statusCode()).as("a presigned URL for a payload key").isEqualTo(200);
        String url = JsonMapper.shared().readTree(signed.body()).path("url").asString();
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .PUT(HttpRequest.BodyPublishers.ofString("xss"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode())
                .as(
                        "R2 accepts the presigned PUT for the key %s",
                        JsonMapper.shared().writeValueAsString(key))
                .isEqualTo(200);
    }

    /** The bucket's root shows each key without a slash as a file, and the first segment of the others as folders. */
    private static List<String> topLevelNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String key : CORPUS) {
            int slash = key.indexOf('/');
            names.add(slash < 0 ? key : key.substring(0, slash + 1));
        }
        return List.copyOf(names);
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
