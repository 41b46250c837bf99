package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A forgotten password in sandbox mode without SMTP, as a developer follows it in a real Chromium: the sign-in page's
 * link, the request, the dashboard mail, the link in it (its token travels in the fragment), the new password.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class DashboardMailBrowserTests {

    private static final String PASSWORD = "a sturdy passphrase of words";
    private static final String NEW_PASSWORD = "another sturdy passphrase entirely";

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
    void aForgottenPasswordIsResetThroughTheDashboardMail() {
        String email = Emails.unique("browser-reset");
        new BrowserlessSession(port).signUp(email, PASSWORD);

        browser.get("http://localhost:" + port + "/signin");
        browser.findElement(By.linkText("Forgot your password?")).click();
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.xpath("//button[normalize-space()='Send a reset link']"))
                .click();
        assertThat(browser.findElement(By.cssSelector("p.alert.success")).getText())
                .contains("If an account uses that address");
        browser.findElement(By.linkText("dashboard mail")).click();

        // The request is handled after the answer: reload until its message is there.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(page -> {
            page.navigate().refresh();
            return page.findElements(By.xpath("//article[.//h2[text()='Reset your Flarelink password']"
                                    + " and .//dd[text()='" + email + "']]"))
                            .size()
                    == 1;
        });
        browser.findElement(By.xpath("//article[.//dd[text()='" + email + "']]//ul[@class='outbox-links']//a"))
                .click();

        // The page's script moved the token from the link's fragment into the form, and out of the address bar.
        assertThat(browser.getCurrentUrl()).endsWith("/reset-password");
        assertThat(browser.findElement(By.id("reset-token")).getAttribute("value"))
                .matches("[A-Za-z0-9_-]{43}");
        browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.xpath("//button[normalize-space()='Set the new password']"))
                .click();
        assertThat(browser.getCurrentUrl()).endsWith("/signin?reset");
        assertThat(browser.findElement(By.cssSelector("p.alert.success")).getText())
                .contains("Your password is changed");

        Chromium.signIn(browser, port, email, NEW_PASSWORD);
    }
}
