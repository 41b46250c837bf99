package dev.flarelink.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.CreateProjectCommand;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Authentication settings in a real headless Chromium, sandbox mode, found by label, role and visible text. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class AuthSettingsBrowserTests {

    private static final String PASSWORD = "a sturdy passphrase of words";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    ConnectionService connections;

    @Autowired
    ProvisioningService provisioning;

    @Autowired
    CloudflareSandbox sandbox;

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void setsUpEmailAndGitHubAndSeesTheTemplatePreviewInItsFrame() {
        String email = Emails.unique("auth-browser");
        UUID user = accounts.signUp(new SignUpCommand(email, PASSWORD)).id();
        connections.connect(
                user,
                new ConnectCommand(sandbox.demo().orElseThrow().fullToken().value(), null));
        String name = "authui" + UUID.randomUUID().toString().substring(0, 6);
        UUID project = provisioning
                .create(user, new CreateProjectCommand(null, name, "https://app.example.com", null))
                .id();
        assertThat(provisioning.awaitIdle(project, Duration.ofSeconds(60))).isTrue();
        signIn(email);

        browser.get("http://localhost:" + port + "/projects/" + project);
        browser.findElement(By.partialLinkText("Email, templates")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Authentication settings");

        label("Resend (API key)").click();
        field("From address").sendKeys("Acme <auth@app.example.com>");
        field("Resend API key").sendKeys("re_browser_0123456789abcdefLAST");
        label("Magic links (sign in with a link by email)").click();
        button("Save email settings").click();
        assertThat(browser.findElement(By.cssSelector(".alert.success")).getText())
                .contains("Email settings saved");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Currently set, ends …LAST");
        assertThat(browser.getPageSource()).doesNotContain("re_browser_0123456789abcdefLAST");

        field("GitHub client ID").sendKeys("Iv1.browser");
        field("GitHub client secret").sendKeys("gh_browser_secret_0123456789");
        button("Save providers").click();
        assertThat(browser.findElement(By.cssSelector(".alert.success")).getText())
                .contains("Sign-in providers saved");
        assertThat(browser.findElement(By.xpath("//fieldset[legend='GitHub']//code"))
                        .getText())
                .isEqualTo("https://flarelink-" + name + "-auth.flarelink-demo.workers.dev/api/auth/callback/github");

        // The preview loads in its sandboxed frame (X-Frame-Options SAMEORIGIN there, DENY elsewhere).
        WebElement frame = browser.findElement(By.cssSelector("iframe[title='Preview of the magic-link email']"));
        browser.switchTo().frame(frame);
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.linkText("Sign in")));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Use this link to sign in to app.example.com");
        browser.switchTo().defaultContent();

        label("Hardened: 600,000 iterations").click();
        button("Save hashing strength").click();
        assertThat(browser.findElement(By.cssSelector(".alert.success")).getText())
                .contains("600,000 iterations");
    }

    private WebElement label(String text) {
        return browser.findElement(By.xpath("//label[normalize-space()=" + quote(text) + "]"));
    }

    /** The control a visible label names. */
    private WebElement field(String text) {
        return browser.findElement(By.id(label(text).getAttribute("for")));
    }

    private WebElement button(String text) {
        return browser.findElement(By.xpath("//button[normalize-space()=" + quote(text) + "]"));
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    private void signIn(String email) {
        Chromium.signIn(browser, port, email, PASSWORD);
    }
}
