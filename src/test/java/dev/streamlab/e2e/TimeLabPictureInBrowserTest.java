package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time lab's picture as a person reads it at 1400×900: round tick labels that stay put while stepping, every
 * event in its key's row, and every window's count in view (overlapping sliding windows in sub-rows of their own).
 */
class TimeLabPictureInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** The round intervals a person expects an axis to tick at. */
    private static final Set<Long> ROUND = Set.of(SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
            MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR);
    private static final long H11 = Instant.parse("2026-11-25T11:00:00Z").toEpochMilli();
    private static final long H12 = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();

    @Test
    void theAxisTicksAtRoundTimesAndDoesNotMoveWhileStepping() {
        load("mobile-order-1159");
        List<Map<String, Object>> before = ticks();
        assertTrue(before.size() >= 3, "an axis with ticks before the first step: " + before);
        long interval = ms(before.get(1)) - ms(before.get(0));
        assertTrue(ROUND.contains(interval), "ticks every " + interval + " ms");
        for (int i = 0; i < before.size(); i++) {
            Map<String, Object> tick = before.get(i);
            assertEquals(0, ms(tick) % interval, "each tick on a round time: " + tick);
            if (i > 0) {
                assertEquals(interval, ms(tick) - ms(before.get(i - 1)), "evenly spaced: " + before);
            }
            String label = String.valueOf(tick.get("label"));
            assertEquals(Instant.ofEpochMilli(ms(tick)).toString().substring(11, 16), label, "the UTC time, as the page shows times");
            assertTrue(Boolean.TRUE.equals(tick.get("inside")), "label " + label + " is not clipped: " + tick);
        }

        for (int step = 1; step <= 4; step++) {
            browser.findElement(By.id("step")).click();
            int expected = step;
            await().atMost(PATIENCE).until(() -> marks() == expected);
            assertEquals(before, ticks(), "the same ticks at the same places after step " + step);
        }
        String legend = text(".time-legend");
        for (String meaning : List.of("on time", "late but counted", "dropped", "window pending", "window fired", "watermark")) {
            assertTrue(legend.contains(meaning), "the legend explains " + meaning + ": " + legend);
        }
    }

    @Test
    void theElevenFiftyNineOrderIsDrawnInCustomerOnesRowAtItsEventTime() throws Exception {
        load("mobile-order-1159");
        for (int step = 1; step <= 4; step++) {
            browser.findElement(By.id("step")).click();
            int expected = step;
            await().atMost(PATIENCE).until(() -> marks() == expected);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) browser.executeScript("""
                const row = document.querySelector('.timeline rect.key-row[data-key="cust-1"]').getBoundingClientRect();
                const mark = document.querySelector('.timeline .event[data-index="4"]');
                const m = mark.getBoundingClientRect();
                const cy = (m.top + m.bottom) / 2;
                const cx = (m.left + m.right) / 2;
                const ticks = [...document.querySelectorAll('.timeline .axis-tick')].map((t) => ({
                  ms: Number(t.dataset.ms), x: t.querySelector('line').getBoundingClientRect().left }));
                return { key: mark.dataset.key, inRow: cy > row.top && cy < row.bottom, x: cx, ticks };""");
        screenshot("time-lab-picture.png");
        assertEquals("cust-1", seen.get("key"));
        assertEquals(Boolean.TRUE, seen.get("inRow"), "the 11:59 order sits in cust-1's row: " + seen);
        // At its event time: between the ticks around 11:59, in proportion.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ticks = (List<Map<String, Object>>) seen.get("ticks");
        long at = Instant.parse("2026-11-25T11:59:00Z").toEpochMilli();
        Map<String, Object> a = ticks.stream().filter(t -> ms(t) <= at).reduce((p, q) -> q).orElseThrow();
        Map<String, Object> b = ticks.stream().filter(t -> ms(t) > at).findFirst().orElseThrow();
        double expectedX = num(a, "x") + (num(b, "x") - num(a, "x")) * (at - ms(a)) / (ms(b) - ms(a));
        assertTrue(Math.abs(num(seen, "x") - expectedX) < 3, "drawn at 11:59: x " + seen.get("x") + ", expected " + expectedX);
    }

    @Test
    void slidingWindowsEachShowTheirCountAndNoneHidesAnother() throws Exception {
        load("mobile-order-1159");
        new Select(browser.findElement(By.id("cfg-type"))).selectByValue("sliding");
        browser.findElement(By.id("cfg-size")).clear();
        browser.findElement(By.id("cfg-size")).sendKeys("3600");
        browser.findElement(By.id("cfg-slide")).clear();
        browser.findElement(By.id("cfg-slide")).sendKeys("1800");
        String before = text("#topics-note");
        browser.findElement(By.cssSelector("#config-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> !text("#topics-note").equals(before) && text("#playback-status").contains("step 0 of"));
        int total = total();
        for (int step = 1; step <= total + 1; step++) {
            browser.findElement(By.id("step")).click();
        }
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("finished"));
        String eleven = ".timeline .window[data-window='cust-1|" + H11 + "|" + H12 + "']";
        await().atMost(PATIENCE).until(() -> text(eleven + " .window-count").startsWith("2"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> windows = (List<Map<String, Object>>) browser.executeScript("""
                return [...document.querySelectorAll('.timeline .window')].map((g) => {
                  const r = g.querySelector('rect').getBoundingClientRect();
                  const l = g.querySelector('.window-count').getBoundingClientRect();
                  return { id: g.dataset.window, key: g.dataset.window.split('|')[0], subRow: g.dataset.subRow,
                    label: g.querySelector('.window-count').textContent,
                    left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                    labelInside: l.left >= r.left && l.right <= r.right && l.top >= r.top && l.bottom <= r.bottom };
                });""");
        screenshot("time-lab-sliding.png");
        assertTrue(windows.size() > 6, "sliding windows drawn: " + windows);
        for (Map<String, Object> w : windows) {
            assertEquals(Boolean.TRUE, w.get("labelInside"), "the count sits inside its own window: " + w);
            assertFalse(String.valueOf(w.get("label")).isBlank(), "every window shows its count: " + w);
            for (Map<String, Object> o : windows) {
                if (o != w && overlaps(w, o)) {
                    throw new AssertionError("two window bars overlap, one hides the other: " + w + " and " + o);
                }
            }
        }
        assertTrue(windows.stream().anyMatch(w -> !w.get("subRow").equals(windows.get(0).get("subRow"))),
                "overlapping windows take sub-rows of their own");
    }

    @Test
    void eachPartitionsWatermarkAndTheCombinedOneAreLabelledInTheTextColour() throws Exception {
        load("idle-partition-stalls-watermark");
        for (int step = 1; step <= 3; step++) {
            browser.findElement(By.id("step")).click();
            int expected = step;
            await().atMost(PATIENCE).until(() -> marks() == expected);
        }
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".timeline .partition-watermark-label")).size() == 2);
        screenshot("time-lab-partitions.png");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> labels = (List<Map<String, Object>>) browser.executeScript("""
                const text = getComputedStyle(document.body).color;
                return [...document.querySelectorAll('.timeline .watermark-label, .timeline .partition-watermark-label')]
                  .map((l) => { const r = l.getBoundingClientRect();
                    return { text: l.textContent, fill: getComputedStyle(l).fill, body: text,
                      left: r.left, right: r.right, top: r.top, bottom: r.bottom }; });""");
        assertEquals(3, labels.size(), "the combined watermark and each partition's: " + labels);
        assertTrue(labels.stream().anyMatch(l -> String.valueOf(l.get("text")).startsWith("watermark ")), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> String.valueOf(l.get("text")).startsWith("partition 0: ")), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> String.valueOf(l.get("text")).startsWith("partition 1: ")), labels.toString());
        for (Map<String, Object> l : labels) {
            assertEquals(l.get("body"), l.get("fill"), "a watermark label in the page's text colour: " + l);
            for (Map<String, Object> o : labels) {
                assertFalse(o != l && overlaps(l, o), "labels apart: " + l + " and " + o);
            }
        }
    }

    @Test
    void onALearnersTopicTheAxisOnlyGrowsWhenAnEventFallsOutsideItAndThenByRoundSteps() {
        String topic = Names.unique("axis-orders");
        Kafka.createTopic(TestBroker.bootstrapServers(), topic, 1);
        browser.manage().window().setSize(new Dimension(1400, 900));
        browser.get(lab.url("/time"));
        await().atMost(PATIENCE).until(() -> text("#pipeline-topic").contains(topic));
        browser.executeScript("document.getElementById('pipeline-topic').value = arguments[0]", topic);
        browser.findElement(By.cssSelector("#pipeline-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> text("#pipeline-result").startsWith("Running on " + topic));

        produce(topic, "cust-1", "12:00:05");
        produce(topic, "cust-2", "12:00:40");
        await().atMost(PATIENCE).until(() -> marks() == 2);
        List<Map<String, Object>> first = ticks();
        produce(topic, "cust-1", "12:00:20");
        await().atMost(PATIENCE).until(() -> marks() == 3);
        assertEquals(first, ticks(), "an event inside the axis moves nothing");

        produce(topic, "cust-3", "12:30:00");
        await().atMost(PATIENCE).until(() -> marks() == 4);
        List<Map<String, Object>> grown = ticks();
        long interval = ms(grown.get(1)) - ms(grown.get(0));
        assertTrue(ROUND.contains(interval), "still round ticks, every " + interval + " ms: " + grown);
        assertTrue(grown.stream().allMatch(t -> ms(t) % interval == 0), grown.toString());
        assertTrue(ms(grown.get(grown.size() - 1)) >= Instant.parse("2026-11-25T12:30:00Z").toEpochMilli(), grown.toString());
    }

    private static void produce(String topic, String key, String time) {
        long seconds = Instant.parse("2026-11-25T" + time + "Z").getEpochSecond();
        Kafka.produce(TestBroker.bootstrapServers(), topic, List.of(new ProducerRecord<>(topic, key,
                "{\"key\": \"" + key + "\", \"event_time\": " + seconds + ", \"value\": 1}")));
    }

    /** The picture as a person sees it, kept as evidence under target/screenshots. */
    private void screenshot(String name) throws Exception {
        browser.executeScript("document.getElementById('stage-section').scrollIntoView()");
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static boolean overlaps(Map<String, Object> a, Map<String, Object> b) {
        return num(a, "left") < num(b, "right") && num(b, "left") < num(a, "right")
                && num(a, "top") < num(b, "bottom") && num(b, "top") < num(a, "bottom");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> ticks() {
        return (List<Map<String, Object>>) browser.executeScript("""
                const svg = document.querySelector('.timeline').getBoundingClientRect();
                return [...document.querySelectorAll('.timeline .axis-tick')].map((t) => {
                  const l = t.querySelector('.tick-label').getBoundingClientRect();
                  return { ms: t.dataset.ms, label: t.querySelector('.tick-label').textContent,
                    x: Math.round(l.left), inside: l.left >= svg.left && l.right <= svg.right && l.top >= svg.top };
                });""");
    }

    private static long ms(Map<String, Object> tick) {
        return Long.parseLong(String.valueOf(tick.get("ms")));
    }

    private static double num(Map<String, Object> m, String name) {
        return ((Number) m.get(name)).doubleValue();
    }

    private void load(String scenario) {
        browser.manage().window().setSize(new Dimension(1400, 900));
        browser.get(lab.url("/time"));
        await().atMost(PATIENCE).until(() -> !text("#playback-status").isBlank());
        String before = text("#topics-note");
        new Select(browser.findElement(By.id("scenario-select"))).selectByValue(scenario);
        browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> !text("#topics-note").equals(before) && text("#playback-status").contains("step 0 of")
                && !browser.findElements(By.cssSelector(".timeline .axis-tick")).isEmpty());
    }

    private int marks() {
        return browser.findElements(By.cssSelector(".timeline .event")).size();
    }

    private int total() {
        return Integer.parseInt(text("#playback-status").replaceAll("^.*step \\d+ of (\\d+).*$", "$1"));
    }

    private String text(String css) {
        return Browser.text(browser, css);
    }
}
