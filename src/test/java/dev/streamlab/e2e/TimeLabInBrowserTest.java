package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;

import org.apache.kafka.clients.producer.ProducerRecord;




import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;

import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chapter 3 in headless Chromium: the quest's 11:59 mobile order played step by step through Kafka. */
class TimeLabInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long H11 = Instant.parse("2026-11-25T11:00:00Z").toEpochMilli();
    private static final long H12 = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
    private static final long H13 = Instant.parse("2026-11-25T13:00:00Z").toEpochMilli();

    @Test
    void theMobileOrderCountsInTheElevenOClockWindowByEventTimeAndTheNextByProcessingTime() throws Exception {
        load("mobile-order-1159");
        int total = total();

        for (int step = 1; step <= total; step++) {
            browser.findElement(By.id("step")).click();
            int expected = step;
            await().atMost(PATIENCE).until(() -> position() == expected);
            if (step == 4) {
                await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".timeline .event")).size() == 4);
                browser.executeScript("document.querySelector('.playback-controls').scrollIntoView()");
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "time-lab.png"), browser.getScreenshotAs(OutputType.BYTES));
            }
        }
        browser.findElement(By.id("step")).click(); // end of input: the final watermark fires what is left
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("finished"));

        String eleven = "tr[data-window='cust-1|" + H11 + "|" + H12 + "']";
        String twelve = "tr[data-window='cust-1|" + H12 + "|" + H13 + "']";
        await().atMost(PATIENCE).until(() -> text(eleven + " .event-count").equals("2"));
        assertEquals("1", text(eleven + " .processing-count"), "by arrival the mobile order is not in 11:00-12:00");
        assertEquals("1", text(twelve + " .processing-count"), "by arrival it counts in 12:00-13:00");
        assertEquals("—", text(twelve + " .event-count"));
        assertTrue(browser.findElement(By.cssSelector(eleven)).getDomAttribute("class").contains("differs"));
        assertTrue(text("#late-lane").contains("cust-4"), text("#late-lane"));
        assertEquals(1, browser.findElements(By.cssSelector(".timeline .late-mark")).size());
        assertTrue(browser.findElements(By.cssSelector(".timeline .event[data-status='dropped']")).size() == 1);
    }

    @Test
    void thePlaybackControlsWorkFromTheKeyboardAlone() {
        load("mobile-order-1159");
        Actions keys = new Actions(browser);

        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        await().atMost(PATIENCE).until(() -> position() == 1);
        keys.sendKeys(Keys.ARROW_RIGHT).perform();
        await().atMost(PATIENCE).until(() -> position() == 2);
        keys.sendKeys(Keys.ARROW_LEFT).perform();
        await().atMost(PATIENCE).until(() -> position() == 1);


        // Tab to the Step button and press Enter, as a keyboard user would.
        browser.executeScript("document.getElementById('pause').focus()");
        keys.sendKeys(Keys.TAB).perform();
        assertEquals("step", browser.switchTo().activeElement().getDomAttribute("id"));
        keys.sendKeys(Keys.ENTER).perform();
        await().atMost(PATIENCE).until(() -> position() == 2);
        keys.sendKeys("r").perform();
        await().atMost(PATIENCE).until(() -> position() == 0);
    }

    @Test
    void aPipelineOnTheLearnersOwnTopicDrawsWhatTheirProducerSends() {
        String topic = Names.unique("my-orders");
        Kafka.createTopic(TestBroker.bootstrapServers(), topic, 1);
        browser.get(lab.url("/time"));
        // The topic list is redrawn as the cluster changes: read and choose in one step rather than hold elements.
        await().atMost(PATIENCE).until(() -> text("#pipeline-topic").contains(topic));
        browser.executeScript("document.getElementById('pipeline-topic').value = arguments[0]", topic);
        browser.findElement(By.cssSelector("#pipeline-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> text("#pipeline-result").startsWith("Running on " + topic));

        // The quest's producer.py writes JSON with event_time in epoch seconds.
        Kafka.produce(TestBroker.bootstrapServers(), topic, List.of(
                new ProducerRecord<>(topic, "cust-1", "{\"order_id\": 1, \"amount\": 10, \"event_time\": 1795605600}"),
                new ProducerRecord<>(topic, "cust-2", "{\"order_id\": 2, \"amount\": 20, \"event_time\": 1795605630.5}")));

        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector(".timeline .event")).size() == 2);
        assertTrue(text("#watermark-text").startsWith("Watermark 11:"), text("#watermark-text"));
    }

    private void load(String scenario) {
        browser.get(lab.url("/time"));
        new Select(browser.findElement(By.id("scenario-select"))).selectByValue(scenario);
        browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> text("#playback-status").contains("step 0 of"));
    }

    private int position() {
        String status = text("#playback-status");
        return status.contains("step ") ? Integer.parseInt(status.replaceAll("^.*step (\\d+) of.*$", "$1")) : -1;
    }

    private int total() {
        return Integer.parseInt(text("#playback-status").replaceAll("^.*step \\d+ of (\\d+).*$", "$1"));
    }

    private String text(String css) {
        return Browser.text(browser, css);
    }
}
