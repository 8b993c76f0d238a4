package dev.streamlab.journey;

import dev.streamlab.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 3 as a newcomer meets it on a fresh lab on other ports: the 11:59 mobile order, played with the page's own
 * Play button through the lab's broker, counts in the 11:00 window by event time and in the 12:00 window by arrival.
 */
class TimeLabJourneyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long H11 = Instant.parse("2026-11-25T11:00:00Z").toEpochMilli();
    private static final long H12 = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();
    private static final long H13 = Instant.parse("2026-11-25T13:00:00Z").toEpochMilli();

    @TempDir
    Path home;

    @Test
    void theElevenFiftyNineOrderPlayedWithPlayShowsEventTimeAgainstProcessingTime() {
        try (NewcomerLab lab = new NewcomerLab(home)) {
            lab.open("/time");
            new Select(lab.browser.findElement(By.id("scenario-select"))).selectByValue("mobile-order-1159");
            lab.browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
            await("the scenario is loaded").atMost(PATIENCE)
                    .until(() -> Browser.text(lab.browser, "#playback-status").contains("step 0 of"));

            lab.browser.findElement(By.id("play")).click();
            await("the playback finishes").atMost(PATIENCE).untilAsserted(() -> assertTrue(
                    Browser.text(lab.browser, "#playback-status").contains("finished"),
                    Browser.text(lab.browser, "#playback-status")));

            String eleven = "tr[data-window='cust-1|" + H11 + "|" + H12 + "']";
            String twelve = "tr[data-window='cust-1|" + H12 + "|" + H13 + "']";
            await("the 11:00 window has fired").atMost(PATIENCE)
                    .until(() -> Browser.text(lab.browser, eleven + " .event-count").equals("2"));
            assertEquals("1", Browser.text(lab.browser, eleven + " .processing-count"), "by arrival it is not in 11:00-12:00");
            assertEquals("1", Browser.text(lab.browser, twelve + " .processing-count"), "by arrival it counts at 12:00");
            assertTrue(lab.browser.findElement(By.cssSelector(eleven)).getDomAttribute("class").contains("differs"));
            lab.lessonShown("chapter-3-time", "#results");
            assertEquals(List.of(), lab.alarmingOutput(), "the lab's terminal stays quiet");
        }
    }
}
