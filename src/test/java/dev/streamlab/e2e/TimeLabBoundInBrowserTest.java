package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pipeline on a learner's topic runs as long as they produce; the time page keeps a bounded model of it (here
 * lowered to 20 with {@code ?keep=20}), says so, and goes on drawing without a script error.
 */
class TimeLabBoundInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int KEEP = 20;
    private static final long FIRST_EVENT_SECONDS = 1795605600L; // 2026-11-25T08:00:00Z

    @Test
    void aLongRunningTopicPipelineKeepsOnlyTheNewestEventsAndWindowsAndTheChartGoesOnUpdating() {
        String topic = Names.unique("long-orders");
        Kafka.createTopic(TestBroker.bootstrapServers(), topic, 1);
        browser.get(lab.url("/time?keep=" + KEEP));
        browser.executeScript("""
                window.__errors = [];
                window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
                window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));""");
        await().atMost(PATIENCE).until(() -> text("#pipeline-topic").contains(topic));
        browser.executeScript("document.getElementById('pipeline-topic').value = arguments[0]", topic);
        browser.findElement(By.cssSelector("#pipeline-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> text("#pipeline-result").startsWith("Running on " + topic));

        produce(topic, 0, 150); // one event every 30 s of event time: many windows, too
        await("all 150 events applied").atMost(PATIENCE).until(() -> text("#last-step").startsWith("#150 "));

        assertEquals(String.valueOf(KEEP), stage("events"), "only the newest events are kept");
        assertTrue(Integer.parseInt(stage("windows")) <= KEEP, "windows kept: " + stage("windows"));
        assertTrue(text("#model-bound").contains("Showing the last " + KEEP + " events"), text("#model-bound"));
        assertTrue(text("#model-bound").contains("130 older ones"), text("#model-bound"));

        produce(topic, 150, 1);
        await("the chart goes on updating").atMost(PATIENCE).until(() -> text("#last-step").startsWith("#151 "));
        assertEquals(String.valueOf(KEEP), stage("events"));
        assertTrue(browser.findElements(By.cssSelector(".timeline .event")).size() <= KEEP);
        assertEquals(List.of(), browser.executeScript("return window.__errors"), "no script error on the page");
    }

    private static void produce(String topic, int from, int count) {
        Kafka.produce(TestBroker.bootstrapServers(), topic, IntStream.range(from, from + count)
                .mapToObj(i -> new ProducerRecord<>(topic, "cust-" + (i % 3),
                        "{\"order_id\": " + i + ", \"event_time\": " + (FIRST_EVENT_SECONDS + 30L * i) + "}"))
                .toList());
    }

    private String stage(String attribute) {
        Object value = browser.executeScript("return document.getElementById('stage').dataset[arguments[0]]", attribute);
        return String.valueOf(value);
    }

    private String text(String css) {
        return Browser.text(browser, css);
    }
}
