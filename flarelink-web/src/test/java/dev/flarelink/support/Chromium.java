package dev.flarelink.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.events.EventFiringDecorator;

/**
 * Starts the system Chromium headless for browser tests. Fails, never skips, when it is missing: CI installs it
 * ({@code .ci/run}), and a developer gets told how.
 */
public final class Chromium {

    private static final String BROWSER = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

    private Chromium() {}

    /** Starts a headless Chromium whose clicks wait for the page they lead to (see {@link WaitForNavigation}). */
    /** Signs in on the dashboard's form as a person does and checks that it landed on the projects page. */
    public static void signIn(WebDriver browser, int port, String email, String password) {
        browser.get("http://localhost:" + port + "/signin");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit].primary")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/projects");
    }

    public static WebDriver start() {
        return start(null);
    }

    /** As {@link #start()}, saving downloads into {@code downloads} without asking. */
    public static WebDriver start(@Nullable Path downloads) {
        requireExecutable(BROWSER, "CHROMIUM_BIN");
        requireExecutable(DRIVER, "CHROMEDRIVER_BIN");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=1280,900",
                "--user-data-dir=" + profileDirectory());
        if (downloads != null) {
            options.setExperimentalOption(
                    "prefs",
                    java.util.Map.of(
                            "download.default_directory",
                            downloads.toAbsolutePath().toString(),
                            "download.prompt_for_download",
                            false));
        }
        // An explicit driver path keeps Selenium Manager (which would try the internet) out of the way.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        return new EventFiringDecorator<WebDriver>(new WaitForNavigation(chrome)).decorate(chrome);
    }

    private static void requireExecutable(String path, String variable) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException("Browser tests need Chromium and ChromeDriver, but " + path
                    + " is missing. Install them (Debian: apt-get install chromium chromium-driver; .ci/run does this)"
                    + " or point " + variable + " at them.");
        }
    }

    private static String profileDirectory() {
        try {
            return Files.createTempDirectory("flarelink-chromium-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
