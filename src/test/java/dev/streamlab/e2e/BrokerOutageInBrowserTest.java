package dev.streamlab.e2e;

import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.TestLab;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kafka goes away under an open page and comes back: the page says so, then recovers by itself, no reload. */
class BrokerOutageInBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void thePageSaysKafkaIsNotAnsweringAndRecoversWhenItIsBack(@TempDir Path dataDir) throws Exception {
        int kafkaPort = FreePorts.next();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        EmbeddedBroker broker = TestBroker.startOwn(dataDir, kafkaPort);
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(bootstrap)) {
            Kafka.createTopic(bootstrap, "outage", 1);
            browser.get(lab.url("/kafka?topic=outage"));
            browser.executeScript("window.__sameDocument = true;");
            await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".lane[data-partition='0']")).isEmpty());
            WebElement banner = browser.findElement(By.id("live-banner"));
            assertFalse(banner.isDisplayed());

            broker.close();
            await().atMost(PATIENCE).until(banner::isDisplayed);
            assertTrue(banner.getText().startsWith("Kafka is not answering"), banner.getText());

            broker = TestBroker.startOwn(dataDir, kafkaPort);
            await().atMost(PATIENCE).until(() -> !banner.isDisplayed());
            Kafka.produce(bootstrap, "outage", List.of(new ProducerRecord<>("outage", 0, "after", "the outage")));
            await().atMost(PATIENCE).until(() -> !browser.findElements(
                    By.cssSelector(".lane[data-partition='0'] .cell[data-offset='0']")).isEmpty());
            assertTrue((Boolean) browser.executeScript("return window.__sameDocument === true"), "no reload happened");
        } finally {
            browser.quit();
            broker.close();
        }
    }

}
