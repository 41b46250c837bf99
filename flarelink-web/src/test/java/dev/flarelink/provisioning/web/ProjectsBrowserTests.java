package dev.flarelink.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectCommand;
import dev.flarelink.connect.ConnectionService;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** New project in a real headless Chromium, sandbox mode: plan, confirm, watch it finish live, see the key once. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class ProjectsBrowserTests {

    private static final String PASSWORD = "horse battery staple of granite";

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
    CloudflareSandbox sandbox;

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        sandbox.switches().reset();
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void createsAProjectWatchesItCompleteAndSeesTheServiceKeyOnce() {
        String email = Emails.unique("projects-browser");
        UUID user = accounts.signUp(new SignUpCommand(email, PASSWORD)).id();
        connections.connect(
                user,
                new ConnectCommand(sandbox.demo().orElseThrow().fullToken().value(), null));
        signIn(email);

        browser.findElement(By.linkText("New project")).click();
        browser.findElement(By.id("name")).sendKeys("browser-app");
        browser.findElement(By.id("trustedOrigins")).sendKeys("https://app.example.com\nhttp://localhost:5173");
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("What Flarelink will do", "Account → D1: Edit", "flarelink-browser-app-auth");

        // Slow the upload down so the page is seen while the run is still going.
        sandbox.switches().latency("PUT", "/accounts/*/workers/scripts/*", Duration.ofMillis(1500));
        browser.findElement(By.id("confirm")).click();
        assertThat(browser.findElement(By.id("run-status")).getAttribute("data-busy"))
                .isEqualTo("true");

        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".badge.status-active")));
        assertThat(browser.findElements(By.cssSelector(".steps li.step-done"))).hasSize(7);
        assertThat(browser.findElement(By.id("worker-url")).getText())
                .isEqualTo("https://flarelink-browser-app-auth.flarelink-demo.workers.dev");

        browser.findElement(By.id("show-service-key")).click();
        String key = browser.findElement(By.id("service-key")).getText();
        assertThat(key).matches("flarelink_sk_[0-9a-f]{64}");
        assertThat(browser.findElement(By.id("copy-service-key")).isDisplayed()).isTrue();

        browser.findElement(By.linkText("I have stored it")).click();
        assertThat(browser.findElements(By.id("show-service-key"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(key);
    }

    private void signIn(String email) {
        Chromium.signIn(browser, port, email, PASSWORD);
    }
}
