package dev.flarelink.users.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.account.AccountService;
import dev.flarelink.account.SignUpCommand;
import dev.flarelink.cloudflare.CloudflareClient;
import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import dev.flarelink.connect.ConnectionService;
import dev.flarelink.files.web.ProjectFixture;
import dev.flarelink.provisioning.ProvisioningService;
import dev.flarelink.support.Chromium;
import dev.flarelink.support.Emails;
import dev.flarelink.support.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Users section in a real headless Chromium, sandbox mode: from the project page to the list, a search, a user's
 * page, and the delete confirmation with its impact preview, each found by its label, role or visible text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class UsersBrowserTests {

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
    void findsAUserOpensTheirPageAndDeletesThemAfterSeeingTheImpact() {
        String email = Emails.unique("users-chromium");
        UUID owner = accounts.signUp(new SignUpCommand(email, PASSWORD)).id();
        ProjectFixture fixture = ProjectFixture.create(
                sandbox, client, connections, provisioning, owner, "https://app.example.com", null);
        fixture.d1("CREATE TABLE \"todo\" (\"id\" integer PRIMARY KEY, \"userId\" text REFERENCES \"user\" (\"id\") "
                + "ON DELETE CASCADE)");
        addUser(fixture, "alice1", "alice@example.com", "Alice", "2026-03-01T12:00:00.000Z");
        addUser(fixture, "bob1", "bob@example.com", "Bob", "2026-03-02T12:00:00.000Z");
        fixture.d1("INSERT INTO \"todo\" (\"userId\") VALUES ('alice1'), ('alice1'), ('bob1')");
        signIn(email);

        browser.get(
                "http://localhost:" + port + "/projects/" + fixture.project().id());
        browser.findElement(By.linkText("Users")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Users");
        assertThat(column(1)).containsExactly("bob@example.com", "alice@example.com");

        byLabel("Search by e-mail or name (starts with)").sendKeys("Ali");
        button("Find").click();
        assertThat(column(1)).containsExactly("alice@example.com");

        browser.findElement(By.linkText("alice@example.com")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("alice@example.com");
        WebElement reset = button("Send password-reset link");
        assertThat(reset.isEnabled()).as("no e-mail provider configured").isFalse();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("No e-mail provider is configured");

        browser.findElement(By.linkText("Delete user")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Delete this user?");
        WebElement impact = browser.findElement(
                By.xpath("//table[caption[normalize-space()='What the delete removes or changes']]"));
        assertThat(impact.findElement(By.xpath(".//tr[td[1][normalize-space()='todo']]/td[4]"))
                        .getText())
                .isEqualTo("2");
        button("Delete user").click();

        assertThat(browser.findElement(By.tagName("body")).getText()).contains("User deleted, with 2 row(s)");
        assertThat(column(1)).containsExactly("bob@example.com");
        assertThat(fixture.d1("SELECT \"userId\" FROM \"todo\""))
                .extracting(r -> r.get("userId"))
                .containsExactly("bob1");
    }

    private static void addUser(ProjectFixture fixture, String id, String email, String name, String at) {
        fixture.d1(
                "INSERT INTO \"user\" (\"id\", \"name\", \"email\", \"emailVerified\", \"createdAt\", \"updatedAt\") "
                        + "VALUES (?, ?, ?, 1, ?, ?)",
                id,
                name,
                email,
                at,
                at);
    }

    /** The cells of one column of the Users table, by the table's caption. */
    private List<String> column(int index) {
        return browser
                .findElements(By.xpath(
                        "//table[caption[normalize-space()='Users of the project']]/tbody/tr/td[" + index + "]"))
                .stream()
                .map(WebElement::getText)
                .toList();
    }

    private WebElement byLabel(String text) {
        String id = browser.findElement(By.xpath("//label[normalize-space()='" + text + "']"))
                .getAttribute("for");
        return browser.findElement(By.id(id));
    }

    private WebElement button(String text) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    private void signIn(String email) {
        Chromium.signIn(browser, port, email, PASSWORD);
    }
}
