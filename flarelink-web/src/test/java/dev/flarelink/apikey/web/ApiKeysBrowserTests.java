package dev.flarelink.apikey.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.ApiClient;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API keys page in a real headless Chromium: from the account menu, create a key, see it once, revoke it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiKeysBrowserTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

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
    void createsAKeyShownOnceThenRevokesItAfterConfirming() {
        String email = Emails.unique("keys-browser");
        String password = "horse battery staple of granite";
        browser.get(url("/signup"));
        field("E-mail").sendKeys(email);
        field("Password").sendKeys(password);
        browser.findElement(By.xpath("//button[@type='submit' and contains(., 'Create')]"))
                .click();
        // Sign-up either signs in at once or (answering alike for taken addresses) leads to the sign-in page.
        waitFor(ExpectedConditions.or(
                ExpectedConditions.urlContains("/projects"), ExpectedConditions.urlContains("/signin")));
        if (browser.getCurrentUrl().contains("/signin")) {
            WebElement address = field("E-mail");
            address.clear();
            address.sendKeys(email);
            field("Password").sendKeys(password);
            browser.findElement(By.cssSelector("button[type=submit].primary")).click();
            waitFor(ExpectedConditions.urlContains("/projects"));
        }

        browser.findElement(By.linkText("API keys")).click();
        waitFor(ExpectedConditions.urlContains("/account/api-keys"));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("You have no API keys yet.")
                .contains("FLARELINK_BASE_URL=http://localhost:" + port)
                .contains("FLARELINK_API_KEY=");

        field("Name").sendKeys("Claude Code");
        browser.findElement(By.xpath("//label[contains(., 'Read only')]/input")).click();
        field("Expires after (days)").sendKeys("30");
        browser.findElement(By.xpath("//button[normalize-space()='Create key']"))
                .click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.xpath("//h2[normalize-space()='Your new key']")));
        String key = browser.findElement(By.xpath("//dt[normalize-space()='Key']/following-sibling::dd[1]"))
                .getText();
        assertThat(key).matches("flk_[0-9a-f]{64}");
        assertThat(new ApiClient(port).get("/api/me", key).statusCode()).isEqualTo(200);

        browser.get(url("/account/api-keys"));
        String list = browser.findElement(By.tagName("table")).getText();
        assertThat(list)
                .contains("Claude Code", key.substring(0, 12) + "…", "Read only", "active")
                .doesNotContain(key);

        browser.findElement(By.xpath("//a[@aria-label='Revoke Claude Code']")).click();
        waitFor(ExpectedConditions.urlContains("/revoke"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Revoke Claude Code?");
        browser.findElement(By.xpath("//button[normalize-space()='Revoke key']"))
                .click();
        waitFor(ExpectedConditions.urlMatches("/account/api-keys$"));
        assertThat(browser.findElement(By.id("flash")).getText()).contains("is revoked");
        assertThat(browser.findElement(By.tagName("table")).getText()).contains("revoked");
        assertThat(new ApiClient(port).get("/api/me", key).statusCode()).isEqualTo(401);
    }

    /** The input a visible label names. */
    private WebElement field(String label) {
        WebElement named = browser.findElement(By.xpath("//label[normalize-space()='" + label + "']"));
        return browser.findElement(By.id(named.getDomAttribute("for")));
    }

    private void waitFor(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
