package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Viewport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 2's partition lanes and lag chart at 1400×900, as a person sees them: a lane longer than its column
 * scrolls inside it and shows the newest record, the paused group's committed offset stays findable, the chart's
 * legend sits under its plot.
 */
class KafkaLanesInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String LANE = ".lane[data-partition='0']";
    private final String bootstrap = TestBroker.bootstrapServers();

    @Test
    void aStoppedGroupsLaneShowsTheNewestRecordAndPointsAtItsCommittedOffsetWhenThatIsOutOfSight() throws Exception {
        String topic = Names.unique("lanes-lag");
        String group = Names.unique("lanes-paused");
        Kafka.createTopic(bootstrap, topic, 1);
        produce(topic, 0, 5);
        Viewport.set(browser, 1400, 900);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(LANE + " .cell[data-offset='4']")).isEmpty());

        // A group that read the first five and stopped (committed offset 5, no member reading): its lag only grows.
        try (var admin = Kafka.admin(bootstrap)) {
            admin.alterConsumerGroupOffsets(group, Map.of(new org.apache.kafka.common.TopicPartition(topic, 0),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(5))).all().get();
        }
        await("the page shows the group that read all five").atMost(PATIENCE)
                .until(() -> Browser.text(browser, LANE + " .lane-group").contains(group + ": next 5, lag 0"));
        produce(topic, 5, 200);
        try {
            await("the lag of 200 shows").atMost(PATIENCE)
                    .until(() -> Browser.text(browser, LANE + " .lane-group").contains("next 5, lag 200"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(Browser.text(browser, LANE) + " | " + Browser.text(browser, "#consumers"), e);
        }
        await("the lane follows to offset 204").atMost(PATIENCE).until(() -> visible(LANE + " .cell[data-offset='204']"));
        assertTrue(overflows(), "the lane is longer than its column, so this test means something");
        assertTrue(pageDoesNotScrollSideways(), () -> "the page itself does not scroll sideways: " + whatSticksOut());

        // The committed offset (5) is far to the left of the newest: either it shows, or a marker at the edge says so.
        boolean markerInSight = visible(LANE + " .cell.next[data-offset='5']");
        String edge = shownEdge();
        assertTrue(markerInSight || edge.equals("lag 200 (committed offset to the left)"),
                "committed offset in sight: " + markerInSight + ", edge marker: " + edge);
        assertFalse(markerInSight, "with 200 records of lag the newest and the committed offset cannot both fit at 1400 px");
        browser.executeScript("document.getElementById('lanes').scrollIntoView();");
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "kafka-lanes-lag.png"), browser.getScreenshotAs(OutputType.BYTES));

        // The marker takes the person to the committed offset; the lane stops following and offers to follow again.
        browser.findElement(By.cssSelector(LANE + " .lane-edge:not([hidden])")).click();
        await().atMost(PATIENCE).until(() -> visible(LANE + " .cell.next[data-offset='5']"));
        assertEquals("", shownEdge(), "no edge marker while the committed offset is in sight");
        assertTrue(browser.findElement(By.cssSelector(LANE + " .lane-follow")).isDisplayed(), "a follow-newest button");
        produce(topic, 205, 3);
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(LANE + " .cell[data-offset='207']")).isEmpty());
        assertTrue(visible(LANE + " .cell.next[data-offset='5']"), "new records do not pull the lane away from where the person looks");

        browser.findElement(By.cssSelector(LANE + " .lane-follow")).click();
        await().atMost(PATIENCE).until(() -> visible(LANE + " .cell[data-offset='207']"));
        assertEquals("lag 203 (committed offset to the left)", shownEdge());
        assertFalse(browser.findElement(By.cssSelector(LANE + " .lane-follow")).isDisplayed(), "following again");
    }

    @Test
    void anEmptyPartitionSaysEmptyAndEachLaneNamesItsPartition() {
        String topic = Names.unique("lanes-empty");
        Kafka.createTopic(bootstrap, topic, 2);
        produce(topic, 0, 1);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".lane")).size() == 2);
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(LANE + " .cell[data-offset='0']")).isEmpty());
        assertTrue(Browser.text(browser, ".lane[data-partition='1'] .lane-facts").contains("empty (next offset 0)"));
        assertEquals("empty", Browser.text(browser, ".lane[data-partition='1'] .cells"));
        assertEquals("P0", Browser.text(browser, LANE + " .lane-head strong"));
        assertEquals("P1: empty", browser.findElement(By.cssSelector(".lane[data-partition='1'] .cells")).getAttribute("aria-label"));
    }

    @Test
    void aLaneAPersonFocusedKeepsTheFocusWhileRecordsArrive() {
        String topic = Names.unique("lanes-focus");
        Kafka.createTopic(bootstrap, topic, 1);
        produce(topic, 0, 3);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(LANE + " .cell[data-offset='2']")).isEmpty());
        browser.executeScript("const t = document.querySelector(arguments[0]); t.dataset.probe = 'focused'; t.focus();", LANE + " .cells");
        produce(topic, 3, 40);
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(LANE + " .cell[data-offset='42']")).isEmpty());
        assertEquals("focused", browser.executeScript("return document.activeElement.dataset.probe || '';"),
                "the lane's track is the same element, still focused, after the live updates");
    }

    @Test
    void theLagChartHasUplotsStylesheetAndItsLegendSitsBelowThePlotWithoutBlankSpace() {
        String topic = Names.unique("lanes-chart");
        String group = Names.unique("lanes-chart");
        Kafka.createTopic(bootstrap, topic, 1);
        produce(topic, 0, 3);
        Viewport.set(browser, 1400, 900);
        browser.get(lab.url("/kafka?topic=" + topic));
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".lane")).size() == 1);
        WebElement groupField = browser.findElement(By.id("consumer-group"));
        groupField.clear();
        groupField.sendKeys(group);
        browser.findElement(By.cssSelector("#consumer-start button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#lag-chart .uplot .u-legend")).isEmpty());
        browser.executeScript("document.getElementById('lag-chart').scrollIntoView();");

        assertEquals("absolute", browser.executeScript("return getComputedStyle(document.querySelector('#lag-chart .u-over')).position;"),
                "uPlot's stylesheet is applied");
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) browser.executeScript("""
                const r = (css) => document.querySelector(css).getBoundingClientRect();
                const host = r('#lag-chart'), plot = r('#lag-chart .u-wrap'), legend = r('#lag-chart .u-legend');
                const labels = [...document.querySelectorAll('#lag-chart .u-axis')].map((a) => a.getBoundingClientRect());
                return { plotBottom: plot.bottom, legendTop: legend.top, legendBottom: legend.bottom, hostBottom: host.bottom,
                  hostWidth: host.width, plotWidth: plot.width, axesBottom: Math.max(...labels.map((a) => a.bottom)) };""");
        double legendTop = box.get("legendTop").doubleValue();
        assertTrue(legendTop >= box.get("plotBottom").doubleValue() - 1, "the legend is below the plot: " + box);
        assertTrue(legendTop >= box.get("axesBottom").doubleValue() - 1, "the legend is below the axes' labels: " + box);
        assertTrue(box.get("hostBottom").doubleValue() - box.get("legendBottom").doubleValue() < 12, "no blank space under it: " + box);
        assertTrue(box.get("plotWidth").doubleValue() >= box.get("hostWidth").doubleValue() - 2, "as wide as its column: " + box);
    }

    private void produce(String topic, int first, int count) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            records.add(new ProducerRecord<>(topic, 0, "cust-" + (i % 7), "order " + i));
        }
        Kafka.produce(bootstrap, topic, records);
    }

    /** Whether the element is wholly inside its lane's visible part (the track's box), read in one step. */
    private boolean visible(String css) {
        return Boolean.TRUE.equals(browser.executeScript("""
                const e = document.querySelector(arguments[0]); if (!e) return false;
                const track = e.closest('.cells').getBoundingClientRect(), box = e.getBoundingClientRect();
                return box.left >= track.left - 1 && box.right <= track.right + 1;""", css));
    }

    private boolean overflows() {
        return Boolean.TRUE.equals(browser.executeScript(
                "const t = document.querySelector(arguments[0]); return t.scrollWidth > t.clientWidth;", LANE + " .cells"));
    }

    private boolean pageDoesNotScrollSideways() {
        return Boolean.TRUE.equals(browser.executeScript(
                "const s = document.scrollingElement; return s.scrollWidth <= s.clientWidth;"));
    }

    /** What sticks out past the page's right edge (seen once in a full run), to say in the failure. */
    private Object whatSticksOut() {
        return browser.executeScript("""
                const w = document.scrollingElement.clientWidth;
                return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1)
                  .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' right ' + Math.round(e.getBoundingClientRect().right)
                    + ' of ' + w);""");
    }

    /** The text of the edge marker that shows, or "" when none does. */
    private String shownEdge() {
        Object text = browser.executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                LANE + " .lane-edge:not([hidden])");
        return text == null ? "" : text.toString();
    }
}
