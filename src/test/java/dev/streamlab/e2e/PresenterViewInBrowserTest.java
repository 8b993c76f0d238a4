package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TypeSizes;
import dev.streamlab.testing.Viewport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The presenter views as an instructor uses them on a 1920×1080 projector: type the back of the room reads, no site
 * around the lab, the keys a presentation clicker sends, a black screen, the way back to the chapter, and the
 * controls the instructor uses without leaving the view.
 */
class PresenterViewInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String MOBILE_ORDER = "/present/time?scenario=mobile-order-1159";
    private static final String LATENESS = "late-within-lateness";
    private static final String LATENESS_TITLE = "Late, but within the allowed lateness: the window fires again";
    /** The smallest type read from the back of a room, at 1920×1080. */
    private static final double ROOM_TYPE_PX = 28;

    @BeforeEach
    void projectorSize() {
        Viewport.set(browser, 1920, 1080);
    }

    @Test
    void theTimeLabFillsTheScreenInLargeTypeAndTheClickerStepsForwardAndBack() throws Exception {
        open(MOBILE_ORDER);
        assertEquals("1920x1080", browser.executeScript("return window.innerWidth + 'x' + window.innerHeight"));
        // The stylesheets may still be loading when get() returns: wait for the room's type, as the room would.
        await().atMost(PATIENCE).untilAsserted(() -> assertTrue(fontSize("body") >= 28, "body type " + fontSize("body") + " px"));
        assertTrue(browser.findElements(By.cssSelector(".site-header, .site-footer")).isEmpty(), "no site header or footer");
        for (String control : List.of("scenario-select", "play", "step", "step-back", "inject-key", "cfg-type")) {
            assertTrue(browser.findElement(By.id(control)).isDisplayed(), control + " is there to use");
        }

        Actions keys = new Actions(browser);
        keys.sendKeys(Keys.PAGE_DOWN).perform();
        String first = explanationAt(1);
        assertTrue(first.startsWith("#1 cust-1 at "), first);
        keys.sendKeys(Keys.PAGE_DOWN).perform();
        String second = explanationAt(2);
        assertNotEquals(first, second);
        keys.sendKeys(Keys.PAGE_UP).perform();
        assertEquals(first, explanationAt(1), "a step back shows the first step's explanation again");

        keys.sendKeys(Keys.PAGE_DOWN, Keys.PAGE_DOWN, Keys.PAGE_DOWN).perform();
        explanationAt(4);
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".timeline .event")).size() == 4);
        everyTextReadsFromTheBackOfTheRoom();
        screenshot("present-time");
    }

    @Test
    void theInstructorLoadsAnotherScenarioChangesTheStreamAndInjectsALateEventWithoutLeavingTheView() {
        open(MOBILE_ORDER);
        loadFromTheList(LATENESS);
        await().atMost(PATIENCE).until(() -> text("#playback-status").startsWith(LATENESS_TITLE + ": step 0 of 8"));

        // Change the stream: no allowed lateness. Enter in the field applies it (the scenario starts again with it),
        // Esc leaves the field, and the clicker steps the changed stream.
        typeInto("cfg-lateness", "0", Keys.ENTER);
        new Actions(browser).sendKeys(Keys.ESCAPE, Keys.PAGE_DOWN, Keys.PAGE_DOWN, Keys.PAGE_DOWN).perform();
        assertTrue(explanationAt(3).contains("store-1 [12:00:00, 12:01:00) fired (event time): count 2"), text("#last-step"));
        assertEquals("/present/time", URI.create(browser.getCurrentUrl()).getPath(), "Esc in a field only left the field");

        // A late event for store-1, 30 s behind the watermark (12:01:05): in the minute that has fired, and with no
        // lateness allowed now, dropped to the late side output where the scenario's own 30 s would have counted it.
        typeInto("inject-key", "store-1");
        typeInto("inject-late", "30", Keys.ENTER);
        await().atMost(PATIENCE).until(() -> text("#last-step").startsWith("#4 store-1 at 12:00:34 "));
        assertTrue(text("#last-step").contains("dropped (late): watermark 12:01:05 passed end 12:01:00 + lateness 0 s"),
                text("#last-step"));
        assertTrue(text("#playback-status").contains("step 3 of 8"), "an injected event is not a step of the scenario: "
                + text("#playback-status"));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("svg.timeline g.event.dropped")).size() == 1);
        assertEquals("store-1", browser.findElement(By.cssSelector("svg.timeline g.event.dropped")).getDomAttribute("data-key"),
                "the picture marks it ✕ in store-1's row");
        assertTrue(text("#late-lane").contains("store-1 at 12:00:34 (partition 0): dropped (late)"), text("#late-lane"));
    }

    @Test
    void aScenarioLoadedInTheViewIsInItsAddressSoAReloadOrEscKeepsIt() {
        open(MOBILE_ORDER);
        loadFromTheList(LATENESS);
        await().atMost(PATIENCE).until(() -> ("scenario=" + LATENESS).equals(URI.create(browser.getCurrentUrl()).getQuery()));
        assertEquals("/present/time", URI.create(browser.getCurrentUrl()).getPath());

        browser.navigate().refresh();
        await().atMost(PATIENCE).until(() -> text("#playback-status").startsWith(LATENESS_TITLE + ": step 0 of"));
        assertEquals(LATENESS, browser.findElement(By.id("scenario-select")).getDomProperty("value"));

        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        await().atMost(PATIENCE).until(() -> URI.create(browser.getCurrentUrl()).getPath().equals("/time"));
        assertEquals("scenario=" + LATENESS, URI.create(browser.getCurrentUrl()).getQuery());
        assertEquals(LATENESS, browser.findElement(By.id("scenario-select")).getDomProperty("value"));
    }

    @Test
    void theSameKeysFromAReloadGiveTheSameExplanation() {
        open(MOBILE_ORDER);
        String once = afterTheSameKeys();
        browser.navigate().refresh();
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("step 0 of"));
        assertEquals(once, afterTheSameKeys());
    }

    /** Next, next (Space), back (←), next (→), next: step 3, reached only by the last key, read as the room reads it. */
    private String afterTheSameKeys() {
        new Actions(browser).sendKeys(Keys.PAGE_DOWN, Keys.SPACE, Keys.ARROW_LEFT, Keys.ARROW_RIGHT, Keys.PAGE_DOWN)
                .perform();
        return explanationAt(3) + " | " + text("#watermark-text") + " | " + text("#playback-status");
    }

    @Test
    void bBlackensTheScreenAndBringsItBackAndEscLeavesForTheChapterWithTheScenario() {
        open(MOBILE_ORDER);
        Actions keys = new Actions(browser);
        keys.sendKeys("b").perform();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("present-black")).isDisplayed());
        assertEquals("rgb(0, 0, 0) 1920x1080", browser.executeScript("const b = document.getElementById('present-black');"
                + " const r = b.getBoundingClientRect(); return getComputedStyle(b).backgroundColor + ' ' + r.width + 'x' + r.height;"),
                "black over the whole screen");
        keys.sendKeys(Keys.PAGE_DOWN).perform(); // nothing changes while the room cannot see it
        keys.sendKeys("b").perform();
        await().atMost(PATIENCE).until(() -> !browser.findElement(By.id("present-black")).isDisplayed());
        assertTrue(browser.findElement(By.id("stage")).isDisplayed());
        assertTrue(text("#playback-status").contains("step 0 of"), text("#playback-status"));
        keys.sendKeys(".").perform();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("present-black")).isDisplayed());
        keys.sendKeys(".").perform();
        await().atMost(PATIENCE).until(() -> !browser.findElement(By.id("present-black")).isDisplayed());

        keys.sendKeys(Keys.ESCAPE).perform();
        await().atMost(PATIENCE).until(() -> URI.create(browser.getCurrentUrl()).getPath().equals("/time"));
        assertEquals("scenario=mobile-order-1159", URI.create(browser.getCurrentUrl()).getQuery());
        assertEquals("mobile-order-1159", browser.findElement(By.id("scenario-select")).getDomProperty("value"));
        assertFalse(browser.findElements(By.cssSelector(".site-header")).isEmpty(), "the chapter page has its header");
        assertTrue(browser.findElement(By.cssSelector("a.present-link")).getDomAttribute("href")
                .equals("/present/time?scenario=mobile-order-1159"));
    }

    @Test
    void theKafkaViewShowsTheTopicsLanesAndGroupsLarge() throws Exception {
        String topic = Names.unique("present-orders");
        Kafka.createTopic(TestBroker.bootstrapServers(), topic, 3);
        // A shared broker lists long names too (the full suite's own): the lists must not push the view sideways.
        Kafka.createTopic(TestBroker.bootstrapServers(), Names.unique("a-long-topic-name-".repeat(10)), 1);
        Kafka.produce(TestBroker.bootstrapServers(), topic, List.of(
                new ProducerRecord<>(topic, 0, "cust-1", "first order"),
                new ProducerRecord<>(topic, 1, "cust-2", "second order"),
                new ProducerRecord<>(topic, 2, "cust-3", "third order")));
        Browser.visit(browser, lab.url("/present/kafka?topic=" + topic), ".lane");
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".lane .cell[data-offset='0']")).size() == 3);
        // The stylesheets may still be loading when get() returns: wait for the room's type, as the room would.
        await().atMost(PATIENCE).untilAsserted(() -> assertTrue(fontSize("body") >= 28, "body type " + fontSize("body") + " px"));
        assertTrue(browser.findElements(By.cssSelector(".site-header")).isEmpty());
        String group = Names.unique("present-billing");
        browser.findElement(By.id("consumer-group")).clear();
        browser.findElement(By.id("consumer-group")).sendKeys(group);
        browser.findElement(By.cssSelector("#consumer-start button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> text("#group-select").contains(group));
        await().atMost(PATIENCE).until(() -> text("#group-members").contains("reads P0, P1, P2"));
        assertTrue(browser.findElement(By.id("lag-chart")).isDisplayed());
        everyTextReadsFromTheBackOfTheRoom();
        assertEquals(Boolean.TRUE, browser.executeScript("return document.documentElement.scrollWidth <= innerWidth"),
                () -> "nothing sticks out sideways, but: " + browser.executeScript("""
                        return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
                          .slice(0, 5).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' right '
                            + Math.round(e.getBoundingClientRect().right)).join('; ');"""));
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("present-kafka");

        // No steps here: the clicker goes a screen down and back up, and the lab is as it was.
        new Actions(browser).sendKeys(Keys.PAGE_DOWN).perform();
        await().atMost(PATIENCE).until(() -> scrollY() > 0);
        new Actions(browser).sendKeys(Keys.PAGE_UP).perform();
        await().atMost(PATIENCE).until(() -> scrollY() == 0);
        assertTrue(text("#group-members").contains("reads P0, P1, P2"), text("#group-members"));

        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        await().atMost(PATIENCE).until(() -> URI.create(browser.getCurrentUrl()).getPath().equals("/kafka"));
        assertEquals("topic=" + topic, URI.create(browser.getCurrentUrl()).getQuery());
    }

    @Test
    void theGuaranteesViewShowsTheThreeWorkersSideBySide() throws Exception {
        Browser.visit(browser, lab.url("/present/guarantees"), "#start-form");
        // The stylesheets may still be loading when get() returns: wait for the room's type, as the room would.
        await().atMost(PATIENCE).untilAsserted(() -> assertTrue(fontSize("body") >= 28, "body type " + fontSize("body") + " px"));
        assertTrue(browser.findElements(By.cssSelector(".site-header")).isEmpty());
        browser.findElement(By.id("orders-count")).clear();
        browser.findElement(By.id("orders-count")).sendKeys("200");
        browser.findElement(By.cssSelector("#start-form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(90)).until(() -> browser.findElements(By.cssSelector("#workers .worker")).size() == 3
                || "error".equals(browser.findElement(By.id("run-status")).getDomAttribute("data-kind")));
        assertEquals(3, browser.findElements(By.cssSelector("#workers .worker")).size(), text("#run-status"));
        List<Long> tops = browser.findElements(By.cssSelector("#workers .worker")).stream()
                .map(w -> (long) w.getRect().getY()).distinct().toList();
        assertEquals(1, tops.size(), "the three workers side by side, in one row");
        everyTextReadsFromTheBackOfTheRoom();
        screenshot("present-guarantees");
    }

    @Test
    void onTheGuaranteesViewTheClickerMovesAScreenAtATimeBBlackensAndEscLeavesForTheChapter() {
        // A 1280×720 projector: the view before any run fits 1920×1080, and moving a screen needs one to move.
        Viewport.set(browser, 1280, 720);
        Browser.visit(browser, lab.url("/present/guarantees"), "#start-form");
        await().atMost(PATIENCE).untilAsserted(() -> assertTrue(fontSize("body") >= 28, "body type " + fontSize("body") + " px"));
        assertTrue(((Number) browser.executeScript("return document.documentElement.scrollHeight - innerHeight")).longValue() > 0,
                "the view is longer than the screen");
        Actions keys = new Actions(browser);
        keys.sendKeys(Keys.PAGE_DOWN).perform();
        await().atMost(PATIENCE).until(() -> scrollY() > 0);
        long screenDown = scrollY();
        keys.sendKeys(Keys.ARROW_LEFT).perform(); // a clicker that sends arrows: back
        await().atMost(PATIENCE).until(() -> scrollY() == 0);
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        await().atMost(PATIENCE).until(() -> scrollY() == screenDown);
        keys.sendKeys(Keys.PAGE_UP).perform();
        await().atMost(PATIENCE).until(() -> scrollY() == 0);

        keys.sendKeys("b").perform();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("present-black")).isDisplayed());
        keys.sendKeys(Keys.PAGE_DOWN).perform(); // nothing moves while the room cannot see it
        keys.sendKeys("b").perform();
        await().atMost(PATIENCE).until(() -> !browser.findElement(By.id("present-black")).isDisplayed());
        assertEquals(0, scrollY(), "the view stayed where it was under the black screen");

        keys.sendKeys(Keys.ESCAPE).perform();
        await().atMost(PATIENCE).until(() -> URI.create(browser.getCurrentUrl()).getPath().equals("/guarantees"));
        assertFalse(browser.findElements(By.cssSelector(".site-header")).isEmpty(), "the chapter page has its header");
    }

    private void open(String path) {
        Browser.visit(browser, lab.url(path), "#playback-status");
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("step 0 of"));
    }

    /** Picks a scenario in the view's list and presses Load, with the mouse. */
    private void loadFromTheList(String scenario) {
        new Select(browser.findElement(By.id("scenario-select"))).selectByValue(scenario);
        browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
    }

    /** Empties a field and types into it, as a person at the keyboard. */
    private void typeInto(String id, CharSequence... keys) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(keys);
    }

    /**
     * Every visible text in the view, SVG labels included, is drawn at 28 px or more: the failure names each one
     * that is not, with its size. Awaited, as the stylesheets and the live content may still be arriving.
     */
    private void everyTextReadsFromTheBackOfTheRoom() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<String> small = TypeSizes.smallerThan(browser, ROOM_TYPE_PX);
            assertTrue(small.isEmpty(), small.size() + " texts under " + ROOM_TYPE_PX + " px at 1920×1080: "
                    + String.join("; ", small));
        });
    }

    private long scrollY() {
        return ((Number) browser.executeScript("return Math.round(window.scrollY)")).longValue();
    }

    /** The explanation once the page shows step {@code n}'s event: the status says step n and the step's line is drawn. */
    private String explanationAt(int n) {
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("step " + n + " of")
                && text("#last-step").startsWith("#" + n + " "));
        return text("#last-step");
    }

    private double fontSize(String css) {
        return Double.parseDouble(String.valueOf(browser.executeScript(
                "return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)", css)));
    }

    private void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private String text(String css) {
        return Browser.text(browser, css);
    }
}
