package dev.streamlab.journey;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Chapter 1 as a newcomer meets it on a fresh lab on other ports: the very first click works, the batch answers once
 * while the stream keeps counting, and an order written with the page's own kcat line makes the batch stale.
 */
class BatchVsStreamJourneyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    void onAFreshLabTheFirstAddOrdersWorksAndAnOrderFromKcatMakesTheBatchStale() {
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (.ci/run installs it)");
        try (NewcomerLab lab = new NewcomerLab(home)) {
            lab.open("/batch-vs-stream");

            lab.browser.findElement(By.id("bs-add")).click();
            lab.awaitText("#bs-stream-records", "10", PATIENCE);
            lab.browser.findElement(By.id("bs-run")).click();
            lab.awaitText("#bs-batch-records", "10", PATIENCE);

            String producer = Browser.text(lab.browser, "#bs-kcat");
            String order = (String) lab.browser.executeScript("return document.getElementById('bs-kcat-line').textContent;");
            assertTrue(producer.contains("127.0.0.1:" + lab.kafkaPort), "the page's kcat points at this lab: " + producer);
            lab.shell("printf '%s\\n' '" + order + "' | " + producer);

            lab.awaitText("#bs-stream-records", "11", PATIENCE);
            assertTrue(Browser.text(lab.browser, "#bs-stale").strip().startsWith("Stale by 1 record"),
                    Browser.text(lab.browser, "#bs-stale"));
            assertEquals("10", Browser.text(lab.browser, "#bs-batch-records"), "the batch's answer stays as it ran");
            lab.lessonShown("chapter-1-batch-vs-stream", "#bs-stale");
            assertEquals(java.util.List.of(), lab.alarmingOutput(), "the lab's terminal stays quiet");
        }
    }
}
