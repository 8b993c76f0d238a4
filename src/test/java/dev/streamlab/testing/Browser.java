package dev.streamlab.testing;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real headless Chromium through Selenium, with Debian's browser and driver named explicitly (left to itself,
 * Selenium Manager would try to download them).
 */
public final class Browser {
    public static final Path CHROMIUM = Path.of(System.getProperty("streamlab.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("streamlab.chromedriver", "/usr/bin/chromedriver"));

    private Browser() {
    }

    /** A fresh browser; skips the test, saying why, when Chromium or its driver is not installed. */
    public static ChromeDriver open() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does)");
        try {
            Path profile = Files.createTempDirectory("streamlab-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens {@code url} and waits, as a person would, until {@code ready} (a CSS selector) is on the page; if it never
     * comes, fails saying where the browser ended up and what it showed (an error page, a refusal), since a page
     * without its content was seen a few times in full runs and the bare count of missing elements said nothing.
     */
    public static void visit(ChromeDriver browser, String url, String ready) {
        browser.get(url);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector(ready)).isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("opened " + url + " but no " + ready + " came: the browser is at "
                    + browser.getCurrentUrl() + ", title '" + browser.getTitle() + "', showing "
                    + text(browser, "body").lines().map(String::strip).filter(l -> !l.isEmpty()).limit(4).toList(), e);
        }
    }

    /**
     * The text of the first element matching {@code css}, or "" when there is none, read in one step: the live
     * pages redraw often, and an element held across a redraw goes stale.
     */
    public static String text(ChromeDriver browser, String css) {
        Object text = browser.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
        return text == null ? "" : text.toString();
    }
}
