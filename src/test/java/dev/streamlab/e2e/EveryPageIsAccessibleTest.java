package dev.streamlab.e2e;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.testing.Accessibility;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Viewport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page the lab serves, in the light and the dark theme, has no serious or critical axe-core violation, audited
 * as a learner sees it with content: each chapter's Lab, Read and Check tab (axe skips what is hidden, so each tab is
 * opened by its URL), /kafka with a topic in three partitions read by a demo consumer group, /guarantees after a
 * finished run, the time lab and its presenter view stepped into a scenario. Each is saved as a screenshot under
 * target/screenshots/ (page-theme.png): a page at 1400×900, a presenter view at 1920×1080. Add a page to
 * {@link #pages()}. With -Dstreamlab.a11y.reportOnly=true the audit only writes target/screenshots/accessibility.txt
 * (one line per page, then one per violation) and never fails.
 */
class EveryPageIsAccessibleTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** A guarantees run (three worker processes over 200 orders) on a busy machine. */
    private static final Duration RUN_PATIENCE = Duration.ofSeconds(120);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Path REPORT = SHOTS.resolve("accessibility.txt");
    private static final boolean REPORT_ONLY = Boolean.getBoolean("streamlab.a11y.reportOnly");

    /** The topic /kafka shows: records in each of its three partitions, read by {@link #GROUP}. */
    private static final String TOPIC = Names.unique("a11y-orders");
    private static final String GROUP = Names.unique("a11y-billing");
    /** Done once for the whole audit: the lab keeps the consumer and the run for the pages that follow. */
    private static final AtomicBoolean CONSUMER_STARTED = new AtomicBoolean();
    private static final AtomicBoolean RUN_STARTED = new AtomicBoolean();

    /**
     * A page to audit.
     *
     * @param name     the screenshot's and the message's name for it
     * @param path     where the lab serves it (a fragment opens a chapter's tab)
     * @param ready    a CSS selector the page's live content shows once drawn, or null when the page has none
     * @param setUp    what a learner does first so the page shows its live picture, run after it is opened
     */
    record Page(String name, String path, String ready, Consumer<ChromeDriver> setUp) {
        Page(String name, String path, String ready) {
            this(name, path, ready, browser -> { });
        }

        /** A presenter view is audited at the projector's size. */
        boolean presenter() {
            return path.startsWith("/present/");
        }
    }

    /** A chapter's lab as a learner uses it: the query it is opened with, what it draws, and what to do first. */
    private record Lab(String query, String ready, Consumer<ChromeDriver> setUp) {
    }

    private static final Map<String, Lab> LABS = Map.of(
            "/time", new Lab("", "svg.timeline .event", EveryPageIsAccessibleTest::loadAScenario),
            "/batch-vs-stream", new Lab("", ".bs-status[data-state]", browser -> { }),
            "/kafka", new Lab("?topic=" + TOPIC, ".lane", EveryPageIsAccessibleTest::startAConsumerGroup),
            "/guarantees", new Lab("", "#workers .worker", EveryPageIsAccessibleTest::finishARun));

    static List<Page> pages() {
        Quest quest = QuestLoader.load();
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("home", "/", "#broker-state"));
        for (Chapter chapter : quest.chapters()) {
            String name = chapter.path().substring(1);
            Lab lab = LABS.getOrDefault(chapter.path(), new Lab("", null, browser -> { }));
            pages.add(new Page(name, chapter.path() + lab.query(), lab.ready(), lab.setUp()));
            for (String tab : List.of("read", "check")) {
                pages.add(new Page(name + "-" + tab, chapter.path() + "#" + tab, "#panel-" + tab + ":not([hidden])"));
            }
        }
        for (Challenge challenge : quest.challenges()) {
            pages.add(new Page("challenge-" + challenge.id(), challenge.path(), "#check-form"));
        }
        pages.add(new Page("not-found", "/nonexistent", null));
        pages.add(new Page("login", "/login", null));
        // The pages before it made this browser's learner present, so the board has a row to sort and read.
        pages.add(new Page("instructor", "/instructor", "#board-rows tr"));
        // The presenter views as an instructor shows them: the time lab's scenario loaded afresh and stepped into,
        // the same topic and group as /kafka, the run /guarantees finished.
        pages.add(new Page("present-time", "/present/time?scenario=mobile-order-1159", "svg.timeline .event",
                EveryPageIsAccessibleTest::stepThreeTimesWithTheClickersKey));
        pages.add(new Page("present-kafka", "/present/kafka?topic=" + TOPIC, ".lane",
                EveryPageIsAccessibleTest::startAConsumerGroup));
        pages.add(new Page("present-guarantees", "/present/guarantees", "#workers .worker",
                EveryPageIsAccessibleTest::finishARun));
        return pages;
    }

    @TestFactory
    Stream<DynamicTest> everyPageInTheLightAndTheDarkThemeHasNoSeriousOrCriticalViolation() throws IOException {
        Files.createDirectories(SHOTS);
        Files.writeString(REPORT, "");
        // Four records in each partition, so every lane has cells, keys and offsets to show.
        Kafka.createTopic(TestBroker.bootstrapServers(), TOPIC, 3);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(new ProducerRecord<>(TOPIC, i % 3, "cust-" + i % 5, "{\"order_id\": " + i + ", \"amount\": " + (10 + i) + "}"));
        }
        Kafka.produce(TestBroker.bootstrapServers(), TOPIC, records);
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
            awaitStep(browser, step - 1);
            browser.findElement(By.id("step")).click();
        }
    }

    /** The presenter view loads its scenario afresh at step 0; the instructor's clicker then sends PageDown. */
    private static void stepThreeTimesWithTheClickersKey(ChromeDriver browser) {
        awaitStep(browser, 0);
        for (int step = 1; step <= 3; step++) {
            new Actions(browser).sendKeys(Keys.PAGE_DOWN).perform();
            awaitStep(browser, step);
        }
    }

    private static void awaitStep(ChromeDriver browser, int step) {
        await("step " + step).atMost(PATIENCE).until(() -> Browser.text(browser, "#playback-status").contains("step " + step + " of"));
    }

    /**
     * The learner starts the page's demo consumer in a group of their own (once: the lab keeps it running), and
     * waits until it has read every partition and the group's lag chart is drawn.
     */
    private static void startAConsumerGroup(ChromeDriver browser) {
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".lane")).size() == 3);
        if (CONSUMER_STARTED.compareAndSet(false, true)) {
            WebElement group = browser.findElement(By.id("consumer-group"));
            group.clear();
            group.sendKeys(GROUP);
            browser.findElement(By.cssSelector("#consumer-start button[type=submit]")).click();
        }
        await("the group has read every partition").atMost(PATIENCE)
                .until(() -> Browser.text(browser, "#group-select").contains(GROUP)
                        && browser.findElements(By.cssSelector(".cell.caught-up")).size() == 3);
        await("the lag chart").atMost(PATIENCE)
                .until(() -> !browser.findElements(By.cssSelector("#lag-chart .uplot .u-legend")).isEmpty());
    }

    /**
     * The learner starts a run of 200 orders (once: the lab keeps its results) and waits for its three verdicts, the
     * transaction anatomy and the downstream table.
     */
    private static void finishARun(ChromeDriver browser) {
        if (RUN_STARTED.compareAndSet(false, true)) {
            await().atMost(PATIENCE).until(() -> !Browser.text(browser, "#run-status").isEmpty());
            String before = input(browser); // a run the lab found on the broker from earlier, if any
            WebElement count = browser.findElement(By.id("orders-count"));
            count.clear();
            count.sendKeys("200");
            browser.findElement(By.cssSelector("#start-form button[type=submit]")).click();
            await("the new run's cards").atMost(RUN_PATIENCE)
                    .until(() -> !input(browser).isEmpty() && !input(browser).equals(before));
        }
        await("three verdicts").atMost(RUN_PATIENCE).until(() -> Boolean.TRUE.equals(browser.executeScript("""
                const lost = [...document.querySelectorAll('#results tr[data-mode] .lost')].map((c) => c.textContent);
                return lost.length === 3 && !lost.includes('…');""")));
        await("the anatomy and the downstream").atMost(RUN_PATIENCE)
                .until(() -> !browser.findElements(By.cssSelector("#anatomy .cell")).isEmpty()
                        && !browser.findElements(By.cssSelector("#downstream tr")).isEmpty());
    }

    private static String input(ChromeDriver browser) {
        Object input = browser.executeScript("const w = document.querySelector('.worker'); return w ? w.dataset.input : '';");
        return input == null ? "" : input.toString();
    }

    private void audit(Page page, String theme) throws IOException {
        // The system setting, as the learner's machine would say it; the page follows it unless told otherwise.
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
        if (page.presenter()) {
            Viewport.set(browser, 1920, 1080);
        } else {
            Viewport.set(browser, 1400, 900);
        }
        browser.get(lab.url(page.path()));
        await().atMost(PATIENCE).until(() -> "ok".equals(browser.executeScript(
                "const b = document.getElementById('live-banner'); return b && b.dataset.state;")));
        page.setUp().accept(browser);
        if (page.ready() != null) {
            await(page.ready()).atMost(PATIENCE).until(() -> (Boolean) browser.executeScript(
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
