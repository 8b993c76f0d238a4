package dev.streamlab.journey;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The intermediate challenge as a newcomer does it on a fresh lab on other ports: the page's producer, the page's
 * starter with its TODO filled in first with the clock's time (Check my work names the mistake), then with the
 * event's own time, the page's Inject button, and every line green.
 */
class IntermediateJourneyTest {
    private static final String WINDOW_TODO = "    raise NotImplementedError(\"window_start is yours to write\")";

    @TempDir
    Path home;

    @BeforeEach
    void needsTheNewcomersTools() {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (.ci/run installs it)");
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (.ci/run installs it)");
    }

    @Test
    void aNewcomerCountsWindowsByEventTimeAndTheInjectedLateEventLandsInItsOwnWindow() {
        try (NewcomerLab lab = new NewcomerLab(home)) {
            lab.open("/challenges/intermediate");
            lab.takeTerminalSetup("#your-lab pre");

            lab.save("producer.py", lab.code("Produce events that carry their own time", "Python (kafka-python)"));
            lab.shell(lab.command("Produce events that carry their own time", "python3 producer.py"));
            String starter = lab.code("Write the windowed counter", "Python (kafka-python)");
            assertTrue(starter.contains(WINDOW_TODO), starter);
            String run = lab.command("Run it and look at the counts", "python3 window_counter.py");
            String watch = lab.command("Run it and look at the counts", "kcat ");

            // The typical first try: the window from the clock (processing time). Check my work names it.
            lab.save("window_counter.py", starter.replace(WINDOW_TODO,
                    "    return time.time() - time.time() % WINDOW_SECONDS"));
            Process firstTry = lab.background(run);
            await("the counter writes its windows").atMost(Duration.ofSeconds(60))
                    .until(() -> lab.attempt(watch).output().contains("\"count\""));
            List<WebElement> mistaken = lab.checkMyWork("timed-orders", null, 3);
            WebElement late = mistaken.get(2);
            assertEquals("false", late.getDomAttribute("data-passed"), late.getText());
            assertTrue(late.getText().contains("Hint: "), late.getText());
            firstTry.descendants().forEach(ProcessHandle::destroy);
            firstTry.destroy();

            // The fix: the window from the event's own time, written to a fresh output topic as the hint says (the
            // first try's windows stay in the old one).
            lab.save("window_counter.py", starter.replace(WINDOW_TODO, "    return seconds - seconds % WINDOW_SECONDS"));
            assertTrue(late.getText().contains("write to a fresh output topic")
                    || mistaken.get(1).getText().contains("write to a fresh output topic"), mistaken.get(1).getText());
            lab.background(run.replace("order-counts", "order-counts-2"));

            lab.browser.findElement(By.cssSelector("button.page-action[data-action='inject-late']")).click();
            await("the lab injected the late event").atMost(Duration.ofSeconds(30))
                    .until(() -> !Browser.text(lab.browser, "#action-inject-late-result").isEmpty());
            // A person looks at the output, then presses Check my work again until the counter has caught up.
            await("every line passes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<WebElement> lines = lab.checkMyWork("timed-orders", null, "order-counts-2", 3);
                assertTrue(lines.stream().allMatch(l -> "true".equals(l.getDomAttribute("data-passed"))),
                        lines.stream().map(WebElement::getText).collect(java.util.stream.Collectors.joining("\n")));
            });
            assertEquals("All 3 requirements pass. Well done!", Browser.text(lab.browser, "#check-summary"));
            lab.lessonShown("intermediate-challenge", "#check-results");
            assertEquals(List.of(), lab.alarmingOutput(), "the lab's terminal stays quiet");
        }
    }
}
