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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * presigned PUTs (so the preflight really passes R2's CORS), then are listed, downloaded and deleted. A file above
 * the multipart threshold (5 MiB here) goes up in 5 MiB parts and comes back byte for byte.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"flarelink.files.multipart-threshold=5MB", "flarelink.files.multipart-part-size=5MB"})
@ActiveProfiles("sandbox")
class FilesBrowserTests {

    private static final int MIB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void aFileAboveTheThresholdGoesUpInPartsAndComesBackIdentical(@TempDir Path files) throws Exception {
        byte[] data = new byte[11 * MIB + 7];
        new Random(42).nextBytes(data);
        Path big = Files.write(files.resolve("big.bin"), data);
        String bucket = "m" + UUID.randomUUID().toString().substring(0, 8);
        String objects = readyToUpload(bucket);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        browser.findElement(By.id("upload-files")).sendKeys(big.toString());
        browser.findElement(By.cssSelector("#files-upload button[type=submit]")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("td.files-object-name"), 1));

        assertThat(browser.findElement(By.cssSelector("td.files-object-name")).getText())
                .isEqualTo("big.bin");
        assertThat(browser.findElement(By.cssSelector("td.files-object-name + td"))
                        .getText())
                .isEqualTo("11.0 MB");
        String download =
                browser.findElement(By.cssSelector("a.files-download")).getAttribute("href");
        String cookies = browser.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<Void> signed = HTTP.send(
                HttpRequest.newBuilder(URI.create(download))
                        .header("Cookie", cookies)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(signed.statusCode()).isEqualTo(302);
        HttpResponse<byte[]> fetched = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                signed.headers().firstValue("Location").orElseThrow()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.body()).hasSize(data.length);
        assertThat(sha256(fetched.body())).isEqualTo(sha256(data));
        assertThat(fetched.headers().firstValue("ETag"))
                .hasValueSatisfying(etag -> assertThat(etag).endsWith("-3\""));
        assertThat(browser.getCurrentUrl()).isEqualTo(objects);
    }

    @Test
    void uploadsListsDownloadsAndDeletesFilesStraightFromThePage(@TempDir Path files) throws Exception {
        Path hello = Files.writeString(files.resolve("hello.txt"), "hello from chromium");
        Path second = Files.writeString(files.resolve("second.txt"), "two");
        // This browser saves downloads into a folder: a download is an attachment, it does not open in the tab.
        Path downloads = Files.createDirectory(files.resolve("downloads"));
        browser.quit();
        browser = Chromium.start(downloads);
        String bucket = "c" + UUID.randomUUID().toString().substring(0, 8);
        String objects = readyToUpload(bucket);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.findElement(By.id("upload-files")).sendKeys(hello + "\n" + second);
        browser.findElement(By.cssSelector("#files-upload button[type=submit]")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("td.files-object-name"), 2));
        assertThat(browser.findElements(By.cssSelector("td.files-object-name")))
                .extracting(e -> e.getText())
                .containsExactly("hello.txt", "second.txt");

        browser.findElement(By.cssSelector("a.files-download[href$='key=hello.txt']"))
                .click();
        Path saved = downloads.resolve("hello.txt");
        wait.until(d -> Files.isRegularFile(saved) && sizeOf(saved) == "hello from chromium".length());
        assertThat(Files.readString(saved)).isEqualTo("hello from chromium");
        assertThat(browser.getCurrentUrl()).isEqualTo(objects);

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

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException vanished) {
            return -1;
        }
    }

    /** Signs in a new user with a project on {@code bucket}, allows uploads, mints a key; answers the files page. */
    private String readyToUpload(String bucket) {
        String email = Emails.unique("files-chromium");
        UUID user = accounts.signUp(new SignUpCommand(email, PASSWORD)).id();
        ProjectFixture fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, user, "http://localhost:" + port, bucket);
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
        return browser.getCurrentUrl();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void signIn(String email) {
        Chromium.signIn(browser, port, email, PASSWORD);
    }
}
