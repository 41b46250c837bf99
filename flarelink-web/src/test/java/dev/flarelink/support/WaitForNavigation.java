package dev.flarelink.support;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.events.WebDriverListener;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Makes a click that submits a form or follows a link return only once the next page has loaded, so tests never
 * read the old page (or a stale element) right after a click on a busy machine. A click that starts no navigation
 * within a moment (a checkbox, a script-driven button) returns after that moment.
 */
public final class WaitForNavigation implements WebDriverListener {

    private static final Duration NAVIGATION_START = Duration.ofMillis(1500);
    private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

    private final WebDriver driver;
    private WebElement pageBeforeClick;

    WaitForNavigation(WebDriver driver) {
        this.driver = driver;
    }

    @Override
    public void beforeClick(WebElement element) {
        pageBeforeClick = driver.findElement(By.tagName("html"));
    }

    @Override
    public void afterClick(WebElement element) {
        WebElement before = pageBeforeClick;
        pageBeforeClick = null;
        if (before == null) {
            return;
        }
        boolean navigated;
        try {
            navigated = new WebDriverWait(driver, NAVIGATION_START)
                    .pollingEvery(Duration.ofMillis(50))
                    .until(d -> isStale(before));
        } catch (org.openqa.selenium.TimeoutException noNavigation) {
            navigated = false;
        }
        if (navigated) {
            new WebDriverWait(driver, PAGE_LOAD)
                    .until(d ->
                            "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        }
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        }
    }
}
