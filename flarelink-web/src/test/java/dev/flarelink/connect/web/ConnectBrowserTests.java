package dev.flarelink.connect.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A new user's first connection in a real headless Chromium, with Cloudflare emulated: sign up, connect, receipt. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class ConnectBrowserTests {

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
    void signsUpConnectsWithTheDemoTokenAndSeesTheReceipt() {
        browser.get("http://localhost:" + port + "/signup");
        browser.findElement(By.id("email")).sendKeys(Emails.unique("browser-connect"));
        browser.findElement(By.id("password")).sendKeys("horse battery staple of granite");
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        arriveAt("/signin");
        browser.findElement(By.id("password")).sendKeys("horse battery staple of granite");
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        browser.findElement(By.id("connect-first")).click();

        arriveAt("/connect");
        WebElement templateLink = browser.findElement(By.id("token-template-link"));
        assertThat(templateLink.getAttribute("target")).isEqualTo("_blank");
        assertThat(templateLink.getAttribute("rel")).contains("noopener");
        browser.findElement(By.id("demo-full")).click();

        arriveAt("/connections/");
        assertThat(browser.findElement(By.id("flash")).getText()).contains("Connected to the Cloudflare account");
        List<WebElement> rows = browser.findElements(By.cssSelector("#receipt tbody tr"));
        assertThat(rows).hasSize(5).allSatisfy(row -> assertThat(row.getText()).contains("Granted"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("active");
    }

    // A form submit may return before the next page is there: wait for the navigation, not a fixed time.
    private void arriveAt(String path) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(path));
    }
}
