package dev.streamlab.e2e;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.testing.Accessibility;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page the lab serves, in the light and the dark theme, has no serious or critical axe-core violation; each is
 * saved as a 1400×900 screenshot under target/screenshots/ (page-theme.png). Add a page to {@link #pages()}.
 * With -Dstreamlab.a11y.reportOnly=true the audit only writes target/screenshots/accessibility.txt and never fails.
 */
class EveryPageIsAccessibleTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Path REPORT = SHOTS.resolve("accessibility.txt");
    private static final boolean REPORT_ONLY = Boolean.getBoolean("streamlab.a11y.reportOnly");

    /**
     * A page to audit.
     *
     * @param name     the screenshot's and the message's name for it
     * @param path     where the lab serves it
     * @param ready    a CSS selector the page's live content shows once drawn, or null when the page has none
     * @param setUp    what a learner does first so the page shows its live picture, run after it is opened
     */
    record Page(String name, String path, String ready, Consumer<ChromeDriver> setUp) {
        Page(String name, String path, String ready) {
            this(name, path, ready, browser -> { });
        }
    }

    /** What each chapter draws once its live part has its first data. */
    private static final Map<String, String> LIVE_CONTENT = Map.of(
            "/time", "svg.timeline .event",
            "/batch-vs-stream", ".bs-status[data-state]");

    static List<Page> pages() {
        Quest quest = QuestLoader.load();
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("home", "/", "#broker-state"));
        for (Chapter chapter : quest.chapters()) {
            pages.add(new Page(chapter.path().substring(1), chapter.path(), LIVE_CONTENT.get(chapter.path()),
                    "/time".equals(chapter.path()) ? EveryPageIsAccessibleTest::loadAScenario : browser -> { }));
        }
        for (Challenge challenge : quest.challenges()) {
            pages.add(new Page("challenge-" + challenge.id(), challenge.path(), "#check-form"));
        }
        pages.add(new Page("not-found", "/nonexistent", null));
        pages.add(new Page("login", "/login", null));
        // The presenter views, the time lab's with a scenario loaded as an instructor would open it.
        pages.add(new Page("present-time", "/present/time?scenario=mobile-order-1159", "svg.timeline"));
        pages.add(new Page("present-kafka", "/present/kafka", "#lanes-section"));
        pages.add(new Page("present-guarantees", "/present/guarantees", "#orders-count"));
        return pages;
    }

    @TestFactory
    Stream<DynamicTest> everyPageInTheLightAndTheDarkThemeHasNoSeriousOrCriticalViolation() throws IOException {
        Files.createDirectories(SHOTS);
        Files.writeString(REPORT, "");
        // The page's own size (a window's size would include the browser's frame).
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1400, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        return pages().stream().flatMap(page -> Stream.of("light", "dark").map(theme ->
                DynamicTest.dynamicTest(page.name() + " in the " + theme + " theme", () -> audit(page, theme))));
    }

    @Test
    void theHeaderSwitchTurnsTheLabDarkAndTheChoiceHoldsOnTheNextPageUntilSwitchedBack() {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        browser.get(lab.url("/"));
        WebElement toggle = browser.findElement(By.id("theme-switch"));
        await().atMost(PATIENCE).until(toggle::isDisplayed);
        assertEquals("light", theme());
        assertEquals("false", toggle.getDomAttribute("aria-pressed"));

        toggle.click();
        assertEquals("dark", theme());
        assertEquals("true", browser.findElement(By.id("theme-switch")).getDomAttribute("aria-pressed"));
        assertEquals("rgb(13, 17, 23)", browser.executeScript("return getComputedStyle(document.body).backgroundColor"));

        browser.get(lab.url("/kafka"));
        // Read once the new page has set its theme (seen once: a read that still reached the page being left).
        await().atMost(PATIENCE).until(() -> theme() != null
                && java.net.URI.create(browser.getCurrentUrl()).getPath().equals("/kafka"));
        assertEquals("dark", theme(), "the choice outlives the page, whatever the system says");
        browser.findElement(By.id("theme-switch")).click();
        assertEquals("light", theme());
        assertEquals("rgb(255, 255, 255)", browser.executeScript("return getComputedStyle(document.body).backgroundColor"));
    }

    private String theme() {
        return (String) browser.executeScript("return document.documentElement.dataset.theme");
    }

    /**
     * The time lab draws its picture once a scenario has sent events: load the quest's 11:59 order and step four
     * times (the lab keeps the playback for the next visit, so the dark audit finds it drawn already).
     */
    private static void loadAScenario(ChromeDriver browser) {
        if (!browser.findElements(By.cssSelector("svg.timeline")).isEmpty()) {
            return;
        }
        new Select(browser.findElement(By.id("scenario-select"))).selectByValue("mobile-order-1159");
        browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
        for (int step = 1; step <= 4; step++) {
            String before = "step " + (step - 1) + " of";
            await().atMost(PATIENCE).until(() -> Browser.text(browser, "#playback-status").contains(before));
            browser.findElement(By.id("step")).click();
        }
    }

    private void audit(Page page, String theme) throws IOException {
        // The system setting, as the learner's machine would say it; the page follows it unless told otherwise.
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
        browser.get(lab.url(page.path()));
        await().atMost(PATIENCE).until(() -> "ok".equals(browser.executeScript(
                "const b = document.getElementById('live-banner'); return b && b.dataset.state;")));
        page.setUp().accept(browser);
        if (page.ready() != null) {
            await().atMost(PATIENCE).until(() -> (Boolean) browser.executeScript(
                    "return document.querySelector(arguments[0]) !== null;", page.ready()));
        }
        browser.executeScript("window.scrollTo(0, 0)");
        Files.write(SHOTS.resolve(page.name() + "-" + theme + ".png"), browser.getScreenshotAs(OutputType.BYTES));

        Accessibility.Audit audit = Accessibility.audit(browser, page.name(), theme);
        Files.writeString(REPORT, audit.summary() + "\n" + audit.violations().stream()
                .map(v -> "    " + v + "\n").collect(Collectors.joining()), StandardOpenOption.APPEND);
        if (!REPORT_ONLY) {
            assertTrue(audit.blocking().isEmpty(), () -> "serious or critical accessibility violations:\n"
                    + audit.describeBlocking());
        }
    }
}
