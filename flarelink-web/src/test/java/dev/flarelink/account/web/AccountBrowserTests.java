package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A person's first visit, in a real headless Chromium: sign up, sign out, sign in. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccountBrowserTests {

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
    void signsUpSignsOutAndSignsInAgain() {
        String email = Emails.unique("browser");
        String password = "horse battery staple of granite";

        browser.get(url("/"));
        browser.findElement(By.linkText("Start free")).click();
        waitFor(ExpectedConditions.urlContains("/signup"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("short");
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("password-error")));
        assertThat(browser.findElement(By.id("password-error")).getText()).contains("at least 12 characters");

        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        // Sign-up answers alike for new and taken addresses: the sign-in page, the address filled in.
        waitFor(ExpectedConditions.urlContains("/signin?registered"));
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        waitFor(ExpectedConditions.urlContains("/projects"));
        assertThat(browser.findElement(By.cssSelector(".account-link")).getText())
                .isEqualTo(email);
        assertThat(browser.findElement(By.tagName("nav")).getText())
                .contains("Projects", "Database", "Files", "Activity", "Trust", "Docs");

        browser.findElement(By.xpath("//button[text()='Sign out']")).click();
        // Each click starts a navigation; wait for the next page before reading it.
        waitFor(ExpectedConditions.urlContains("/signin"));
        assertThat(browser.getPageSource()).contains("You are signed out.");

        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        waitFor(ExpectedConditions.urlMatches("/projects$"));
        assertThat(browser.findElement(By.cssSelector(".account-link")).getText())
                .isEqualTo(email);
    }

    private void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
