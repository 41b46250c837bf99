package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An automated accessibility check in a real browser: axe-core (bundled in its Maven artifact, nothing fetched) runs
 * in headless Chromium on every page the route matrix reaches, signed in as the owner of the seeded world, plus the
 * pages in their error states; no serious or critical violation (WCAG 2.x A and AA rules) may remain.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    dev.flarelink.cloudflare.sandbox.CloudflareSandbox sandbox;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    JdbcClient jdbc;

    WebDriver chrome;
    Seed seed;
    String email;

    @BeforeAll
    void seedAndSignIn() {
        email = Emails.unique("axe");
        BrowserlessSession owner = new BrowserlessSession(port);
        assertThat(owner.signUp(email, PASSWORD).statusCode()).isEqualTo(302);
        seed = Seed.plant(owner, email, sandbox, provisioning, jdbc);
        chrome = Chromium.start();
    }

    @AfterAll
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
        provisioning.awaitIdle(seed.project(), Duration.ofSeconds(60));
    }

    @Test
    void noPageTheCrawlReachesHasASeriousOrCriticalViolation() {
        List<String> findings = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();

        // Signed out, and the sign-in page as a wrong password leaves it.
        for (String page : List.of("/", "/signin", "/signup", "/trust", "/docs")) {
            findings.addAll(check(page, checked));
        }
        signIn("not the password");
        findings.addAll(checkCurrent("/signin after a wrong password", checked));
        assertThat(chrome.findElement(By.id("email")).getAttribute("value")).isEqualTo(email);
        assertThat(chrome.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        signIn(PASSWORD);

        for (RouteMatrix.Route route : RouteMatrix.ROUTES) {
            if (!route.isGet() || route.scope() == RouteMatrix.Scope.TEST_ONLY || !isPage(route)) {
                continue;
            }
            findings.addAll(check(route.ownerUrl(seed), checked));
        }
        // Pages in their error states: a refused filter, a refused origin.
        findings.addAll(check("/activity?from=yesterday", checked));

        assertThat(checked).hasSizeGreaterThan(30);
        assertThat(findings)
                .as("serious or critical axe violations on %s", checked)
                .isEmpty();
    }

    /** Routes that answer a page (not a file, a JSON answer, a redirect to R2 or a fragment for a script). */
    private static boolean isPage(RouteMatrix.Route route) {
        String pattern = route.pattern();
        return !pattern.contains("export")
                && !pattern.endsWith("/download")
                && !pattern.endsWith("/status")
                && !pattern.endsWith(".txt")
                && !pattern.equals("/error");
    }

    private void signIn(String password) {
        chrome.get("http://localhost:" + port + "/signin");
        chrome.findElement(By.id("email")).clear();
        chrome.findElement(By.id("email")).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys(password);
        chrome.findElement(By.xpath("//button[normalize-space()='Sign in']")).click();
    }

    private List<String> check(String path, Set<String> checked) {
        chrome.get("http://localhost:" + port + path);
        return checkCurrent(path, checked);
    }

    private List<String> checkCurrent(String where, Set<String> checked) {
        new WebDriverWait(chrome, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        checked.add(where);
        // Frames hold content that is not the dashboard's own (a captured e-mail in the Outbox, a template preview),
        // sandboxed without scripts: axe cannot run inside them and waited on them without end.
        Results results = new AxeBuilder().withTags(TAGS).disableIframeTesting().analyze(chrome);
        List<String> findings = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (rule.getImpact() != null && BLOCKING.contains(rule.getImpact())) {
                rule.getNodes()
                        .forEach(node -> findings.add(where + ": " + rule.getId() + " (" + rule.getImpact() + ") "
                                + node.getTarget() + " — " + rule.getHelp()));
            }
        }
        return findings;
    }
}
