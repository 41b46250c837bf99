package dev.flarelink.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/**
 * The file browser in a real headless Chromium, sandbox mode: the project's origins become the CORS upload rule, a
 * key is minted into the project, and two files go from the page straight to the sandbox's S3 endpoint through
 * presigned PUTs (so the preflight really passes R2's CORS), then are listed, downloaded and deleted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class FilesBrowserTests {

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

    @Autowired
    CloudflareClient client;

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
    void uploadsListsDownloadsAndDeletesFilesStraightFromThePage(@TempDir Path files) throws Exception {
        String email = Emails.unique("files-chromium");
        UUID user = accounts.signUp(new SignUpCommand(email, PASSWORD)).id();
        String bucket = "c" + UUID.randomUUID().toString().substring(0, 8);
        ProjectFixture fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, user, "http://localhost:" + port, bucket);
        Path hello = Files.writeString(files.resolve("hello.txt"), "hello from chromium");
        Path second = Files.writeString(files.resolve("second.txt"), "two");
        signIn(email);

        browser.get("http://localhost:" + port + "/files/" + fixture.connection() + "/" + bucket);
        assertThat(browser.findElement(By.id("uploadOrigins")).getAttribute("value"))
                .isEqualTo("http://localhost:" + port);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.findElement(By.xpath("//button[text()='Allow uploads']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Uploads allowed"));
        browser.findElement(By.xpath("//button[text()='Create an R2 key for this bucket']"))
                .click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("key-stored")))
                        .getText())
                .contains(fixture.project().name());
        browser.findElement(By.partialLinkText("I have copied them")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("browse-files")))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("files-upload")));
        String objects = browser.getCurrentUrl();

        browser.findElement(By.id("upload-files")).sendKeys(hello + "\n" + second);
        browser.findElement(By.cssSelector("#files-upload button[type=submit]")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("td.files-object-name"), 2));
        assertThat(browser.findElements(By.cssSelector("td.files-object-name")))
                .extracting(e -> e.getText())
                .containsExactly("hello.txt", "second.txt");

        browser.findElement(By.cssSelector("a.files-download[href$='key=hello.txt']"))
                .click();
        wait.until(ExpectedConditions.urlContains("X-Amz-Signature="));
        assertThat(browser.getCurrentUrl()).startsWith(sandbox.s3Endpoint());
        assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("hello from chromium");
        browser.get(objects);

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("input[name=keys]"), 2));
        browser.findElements(By.cssSelector("input[name=keys]")).forEach(box -> box.click());
        browser.findElement(By.id("delete-selected")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("delete-question")))
                        .getText())
                .isEqualTo("Delete 2 files from " + bucket + "?");
        browser.findElement(By.id("confirm-delete")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "files deleted"));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("2 files deleted.")
                .contains("This folder is empty.");
    }

    private void signIn(String email) {
        browser.get("http://localhost:" + port + "/signin");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/projects");
    }
}
