package dev.streamlab.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * The text of the first element matching {@code css}, or "" when there is none, read in one step: the live
     * pages redraw often, and an element held across a redraw goes stale.
     */
    public static String text(ChromeDriver browser, String css) {
        Object text = browser.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
        return text == null ? "" : text.toString();
    }
}
