package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 3 as a newcomer walks it: statuses, keys, results, watermark readings and wording they would trip over.
 * Every check reads what a person sees: texts, classes, data-kind, colours and where the keyboard focus is.
 */
class TimeLabNewcomerInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long H11 = Instant.parse("2026-11-25T11:00:00Z").toEpochMilli();
    private static final long H12 = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
    private static final Pattern STEP = Pattern.compile("step (\\d+) of");

    @Test
    void aRefusedInjectIsRedOnlyUntilTheNextStatusAndNothingDroppedYetIsNeutral() {
        load("mobile-order-1159");
        browser.findElement(By.cssSelector("#inject-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("no watermark yet"));
        assertEquals("error", attribute("#playback-status", "data-kind"));

        browser.findElement(By.id("step")).click();
        await().atMost(PATIENCE).until(() -> position() == 1);
        assertNotEquals("error", attribute("#playback-status", "data-kind"), "a normal status reads as normal");

        assertEquals("Nothing dropped yet.", text("#late-lane"));
        assertEquals(color("#scenario-description"), color("#late-lane li"), "a hint's colour, not an alarm's");
    }

    @Test
    void scenarioDescriptionsNameNoInternalIds() {
        load("tumbling-sliding-session-tumbling");
        String description = text("#scenario-description");
        assertTrue(description.startsWith("Tumbling windows of 5 minutes"), description);
        assertFalse(description.contains("tumbling-sliding-session"), description);
    }

    @Test
    void keysInAControlOnlyWorkThatControlAndAFocusedMarkSurvivesAStep() {
        load("mobile-order-1159");
        recordControls();
        Actions keys = new Actions(browser);

        browser.findElement(By.id("scenario-select")).click(); // opens it; Escape closes it, focus stays on the list
        keys.sendKeys(Keys.ESCAPE).perform();
        assertEquals("scenario-select", browser.switchTo().activeElement().getDomAttribute("id"));
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        keys.sendKeys(Keys.ARROW_LEFT).perform();
        browser.executeScript("document.getElementById('speed').focus()"); // reached with Tab, never opened
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        keys.sendKeys(Keys.ARROW_LEFT).perform();
        assertEquals(List.of(), controls(), "arrow keys in a list do not step the playback");
        assertEquals(0, position(), "still at the start");

        browser.executeScript("document.querySelector('details.keys summary').focus()");
        keys.sendKeys(Keys.SPACE).perform();
        await().atMost(PATIENCE).until(() -> browser.executeScript("return document.querySelector('details.keys').open")
                .equals(Boolean.TRUE));
        assertEquals(List.of(), controls(), "Space on \"Keys\" under the picture opens them and does not play");

        browser.executeScript("document.getElementById('pipeline-stop').focus()"); // no pipeline runs: it says so
        keys.sendKeys(Keys.SPACE).perform();
        await().atMost(PATIENCE).until(() -> "error".equals(attribute("#pipeline-result", "data-kind")));
        assertEquals(List.of(), controls(), "Space on a button presses that button only, it does not play");

        browser.findElement(By.id("step")).click();
        await().atMost(PATIENCE).until(() -> marks() == 1);
        browser.executeScript("const m = document.querySelector('.timeline .event'); m.focus(); m.dataset.probe = 'first';");
        keys.sendKeys(Keys.ARROW_RIGHT).perform(); // the page-wide step key, from a mark on the chart
        await().atMost(PATIENCE).until(() -> position() == 2 && marks() == 2);
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        await().atMost(PATIENCE).until(() -> position() == 3 && marks() == 3);
        assertEquals("first", browser.executeScript("return document.activeElement.dataset.probe"),
                "the focused mark is the same element after two steps");
        assertTrue(String.valueOf(browser.executeScript("return document.activeElement.getAttribute('aria-label')"))
                .startsWith("event 1: cust-1"));
    }

    @Test
    void anUnfiredWindowIsPendingAndAnEventBehindTheWatermarkInAnUnfiredWindowIsOnTime() {
        load("mobile-order-1159");
        for (int step = 1; step <= 3; step++) {
            browser.findElement(By.id("step")).click();
            int expected = step;
            await().atMost(PATIENCE).until(() -> position() == expected);
        }
        // 12:02 arrived: the processing-time 11:00 hour fired, the event-time one waits for the watermark.
        String eleven = "tr[data-window='cust-1|" + H11 + "|" + H12 + "']";
        await().atMost(PATIENCE).until(() -> text(eleven + " .processing-count").equals("1"));
        assertEquals("not fired yet", text(eleven + " .event-count"));
        String row = attribute(eleven, "class");
        assertTrue(row.contains("pending") && !row.contains("differs"), row);
        assertTrue(text(eleven).contains("pending: event time has not fired it yet"), text(eleven));
        assertTrue(text("#results-note").contains("tumbling windows of 1 h"), text("#results-note"));

        await().atMost(PATIENCE).until(() -> text("#watermark-text").startsWith("Watermark 11:57:00"));
        browser.findElement(By.cssSelector("#inject-form button[type=submit]")).click(); // 90 s behind: 11:55:30
        await().atMost(PATIENCE).until(() -> marks() == 4);
        String injected = "[data-index='4']";
        assertEquals("on-time", attribute(".timeline .event" + injected, "data-status"));
        String reason = attribute(".timeline .event" + injected, "aria-label");
        assertTrue(reason.contains("on time") && reason.contains("has not fired yet"), reason);
        assertFalse(reason.contains("late"), reason);
        assertTrue(reason.contains("watermark 11:57:00"), "the watermark as the chart shows it: " + reason);
        assertTrue(text(".timeline .event" + injected + " title").contains("watermark 11:57:00"));
        assertTrue(text(".timeline .watermark-label").contains("11:57:00"));
    }

    @Test
    void sessionsAreNotComparedWithHourlyProcessingTimeWindowsAsIfTheyWereTheSame() {
        load("mobile-order-1159");
        new Select(browser.findElement(By.id("cfg-type"))).selectByValue("session");
        browser.findElement(By.id("cfg-gap")).clear();
        browser.findElement(By.id("cfg-gap")).sendKeys("600");
        newRun(() -> browser.findElement(By.cssSelector("#config-form button[type=submit]")).click());
        await().atMost(PATIENCE).until(() -> text("#results-note").contains("session windows"));
        int total = total();
        for (int step = 1; step <= total + 1; step++) {
            browser.findElement(By.id("step")).click();
            int expected = Math.min(step, total);
            await().atMost(PATIENCE).until(() -> position() == expected);
        }
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("finished"));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#results tr[data-window]")).size() > 2);
        assertTrue(text("#results-note").contains("processing time counts tumbling windows of 1 h"), text("#results-note"));
        assertTrue(text("#results-note").contains("not compared"), text("#results-note"));
        assertEquals(0, browser.findElements(By.cssSelector("#results tr.differs")).size(), text("#results"));
        assertFalse(text("#results").contains("differs"), text("#results"));
    }

    @Test
    void onlyAnEventWhoseWindowHadFiredIsCalledLate() {
        load("late-within-lateness");
        stepThrough();
        assertEquals(List.of("on-time", "on-time", "on-time", "late", "on-time", "late", "on-time", "dropped"), statuses());
        String late = attribute(".timeline .event[data-index='4']", "aria-label");
        assertTrue(late.contains("late but accepted") && late.contains("had already fired"), late);

        load("late-event-merges-sessions");
        stepThrough();
        assertEquals(List.of("on-time", "on-time", "on-time", "on-time", "late", "on-time"), statuses(),
                "the delayed click joins a session that had fired");
    }

    private void stepThrough() {
        int total = total();
        for (int step = 1; step <= total; step++) {
            browser.findElement(By.id("step")).click();
            int expected = step;
            await().atMost(PATIENCE).until(() -> position() == expected && marks() == expected);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> statuses() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('.timeline .event')].map((e) => e.dataset.status)");
    }

    /** Counts the page's playback requests from here on, so a test can see that a key sent none. */
    private void recordControls() {
        browser.executeScript("""
                window.__controls = [];
                const original = window.fetch;
                window.fetch = (path, init) => {
                  if (String(path).startsWith('/api/playback')) window.__controls.push(String(path));
                  return original(path, init);
                };""");
    }

    @SuppressWarnings("unchecked")
    private List<String> controls() {
        return (List<String>) browser.executeScript("return window.__controls");
    }

    private void load(String scenario) {
        browser.get(lab.url("/time"));
        new Select(browser.findElement(By.id("scenario-select"))).selectByValue(scenario);
        newRun(() -> browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click());
    }

    /** Does what starts a run and waits until the page shows it: the lab's one playback may be at step 0 already. */
    private void newRun(Runnable start) {
        await().atMost(PATIENCE).until(() -> !text("#playback-status").isBlank());
        String before = text("#topics-note");
        start.run();
        await().atMost(PATIENCE).until(() -> !text("#topics-note").equals(before)
                && text("#playback-status").contains("step 0 of") && !"error".equals(attribute("#playback-status", "data-kind")));
    }

    private int marks() {
        return browser.findElements(By.cssSelector(".timeline .event")).size();
    }

    /** The step the status names, or -1 while it says something else (a refusal such as "step until one appears"). */
    private int position() {
        Matcher step = STEP.matcher(text("#playback-status"));
        return step.find() ? Integer.parseInt(step.group(1)) : -1;
    }

    private int total() {
        return Integer.parseInt(text("#playback-status").replaceAll("^.*step \\d+ of (\\d+).*$", "$1"));
    }

    private String attribute(String css, String name) {
        Object value = browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name);
        return value == null ? "" : value.toString();
    }

    /** The text colour a person sees on the first element matching css ("" when there is none). */
    private String color(String css) {
        Object value = browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e).color : '';", css);
        return String.valueOf(value);
    }

    private String text(String css) {
        return Browser.text(browser, css);
    }
}
