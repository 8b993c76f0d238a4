package dev.streamlab.e2e;

import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;

import org.apache.kafka.clients.producer.ProducerRecord;




import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chapter 1's demo in real headless Chromium: the batch answer stays put and goes stale while the stream moves on. */
class BatchStreamInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void theBatchKeepsItsAnswerAndSaysItIsStaleWhileTheStreamCountsNewOrdersUntilTheBatchRunsAgain() throws Exception {
        String topic = Names.unique("bs-page");
        browser.get(lab.url("/batch-vs-stream?topic=" + topic));
        browser.executeScript("window.__sameDocument = true;");

        click("bs-reset");
        await().atMost(PATIENCE).until(() -> text("#bs-message").contains("is empty again"));
        await().atMost(PATIENCE).until(() -> text("#bs-stream-status").contains("Running"));
        click("bs-add");
        await().atMost(PATIENCE).until(() -> text("#bs-stream-records").equals("10"));

        // Keyboard, not mouse: the batch button works with Enter.
        browser.findElement(By.id("bs-run")).sendKeys(Keys.ENTER);
        await().atMost(PATIENCE).until(() -> text("#bs-batch-records").equals("10"));
        await().atMost(PATIENCE).until(() -> text("#bs-stale").contains("Up to date"));
        assertTrue(text("#bs-batch-caption").contains("The batch saw 10 records"), text("#bs-batch-caption"));

        click("bs-add");
        await().atMost(PATIENCE).until(() -> text("#bs-stream-records").equals("20"));
        await().atMost(PATIENCE).until(() -> text("#bs-stale").contains("Stale by 10 records"));
        assertEquals("10", text("#bs-batch-records"), "the batch's answer did not move");
        assertEquals("10", text("#bs-batch-orders"));
        assertEquals("20", text("#bs-stream-orders"));
        assertTrue(text("#bs-stream-caption").contains("still waiting for more"), text("#bs-stream-caption"));
        Files.write(Path.of("target", "batch-stream-stale.png"), browser.getScreenshotAs(OutputType.BYTES));

        click("bs-run");
        await().atMost(PATIENCE).until(() -> text("#bs-batch-records").equals("20"));
        await().atMost(PATIENCE).until(() -> text("#bs-stale").contains("Up to date"));
        assertEquals(text("#bs-stream-totals tbody"), text("#bs-batch-totals tbody"), "run again, the batch matches");
        assertEquals(text("#bs-stream-sum"), text("#bs-batch-sum"));
        assertEquals(Boolean.TRUE, browser.executeScript("return window.__sameDocument === true"), "no reload happened");
    }

    @Test
    void theTrickleButtonStartsAndStopsOrdersAndSaysSoInWords() {
        String topic = Names.unique("bs-page-trickle");
        lab.web().batchStream().reset(topic);
        browser.get(lab.url("/batch-vs-stream?topic=" + topic));
        await().atMost(PATIENCE).until(() -> text("#bs-stream-status").contains("Running"));

        click("bs-trickle");
        await().atMost(PATIENCE).until(() -> "true".equals(browser.findElement(By.id("bs-trickle")).getAttribute("aria-pressed")));
        assertEquals("Stop the trickle", text("#bs-trickle"));
        await().atMost(PATIENCE).until(() -> Long.parseLong(text("#bs-stream-records")) >= 2);

        click("bs-trickle");
        await().atMost(PATIENCE).until(() -> text("#bs-trickle-state").startsWith("No trickle running"));
        assertEquals("false", browser.findElement(By.id("bs-trickle")).getAttribute("aria-pressed"));
    }

    @Test
    void aCustomerNameThatIsMarkupIsShownAsTextAndRunsNothing() {
        String topic = Names.unique("bs-page-xss");
        lab.web().batchStream().reset(topic);
        String customer = "<img src=x onerror=alert(1)>";
        Kafka.produce(TestBroker.bootstrapServers(), topic, List.of(new ProducerRecord<>(topic, customer,
                new Order("o-1", customer, 500, 1_795_605_600_000L).toJson())));

        browser.get(lab.url("/batch-vs-stream?topic=" + topic));

        await().atMost(PATIENCE).until(() -> text("#bs-stream-rows th").equals(customer));
        assertTrue(browser.findElements(By.cssSelector("#batch-stream img")).isEmpty(), "no markup became an element");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void aTopicTheDemoMayNotWriteToIsRefusedWithTheReasonOnThePage() {
        browser.get(lab.url("/batch-vs-stream?topic=orders"));

        click("bs-reset");

        await().atMost(PATIENCE).until(() -> text("#bs-message").startsWith("Error:"));
        assertTrue(text("#bs-message").contains("start with \"bs-\""), text("#bs-message"));
    }

    private void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    private String text(String css) {
        return Browser.text(browser, css);
    }
}
