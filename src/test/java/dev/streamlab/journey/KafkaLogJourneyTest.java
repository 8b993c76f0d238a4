package dev.streamlab.journey;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Chapter 2 as a newcomer meets it on a fresh lab on other ports: the reading's three Python programs copied from the
 * page, the keys filling all three lanes, a second read that finds nothing, the page's reset and a third read that
 * finds everything again, and a paused demo consumer whose lag grows while orders keep coming.
 */
class KafkaLogJourneyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @BeforeEach
    void needsTheNewcomersTools() {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (.ci/run installs it)");
    }

    @Test
    void aNewcomerRunsTheChaptersProgramsReplaysWithTheResetFormAndWatchesAPausedConsumersLagGrow() {
        try (NewcomerLab lab = new NewcomerLab(home)) {
            lab.open("/kafka?topic=orders");
            lab.browser.findElement(By.id("tab-read")).click(); // the programs are in the chapter's reading
            String makeTopic = program(lab, "# make_topic.py");
            String produce = program(lab, "# produce.py");
            String consume = program(lab, "# consume.py");
            lab.browser.findElement(By.id("tab-lab")).click();

            lab.python("make_topic.py", makeTopic, "");
            await("an empty partition says so").atMost(PATIENCE).until(() -> Browser.text(lab.browser,
                    ".lane[data-partition='2'] .lane-facts").contains("empty (next offset 0)"));
            lab.python("produce.py", produce, "");
            for (int partition = 0; partition < 3; partition++) {
                String lane = ".lane[data-partition='" + partition + "'] .cell";
                await("a record in lane " + partition).atMost(PATIENCE)
                        .until(() -> !lab.browser.findElements(By.cssSelector(lane)).isEmpty());
            }
            assertEquals(6, reads(lab.python("consume.py", consume, "")), "the first read gets all six orders");
            assertEquals(0, reads(lab.python("consume.py", consume, "")), "the group's offsets are at the end");

            Select group = new Select(lab.browser.findElement(By.id("group-select")));
            await("the page lists group billing").atMost(PATIENCE).until(() -> group.getOptions().stream()
                    .anyMatch(o -> o.getText().equals("billing")));
            group.selectByVisibleText("billing");
            new Select(lab.browser.findElement(By.id("reset-to"))).selectByValue("earliest");
            lab.browser.findElement(By.cssSelector("#reset-form button[type='submit']")).click();
            await("the reset answers").atMost(PATIENCE)
                    .until(() -> Browser.text(lab.browser, "#reset-result").startsWith("Reset billing on orders"));
            assertEquals(6, reads(lab.python("consume.py", consume, "")), "after the reset everything comes back");

            WebElement groupField = lab.browser.findElement(By.id("consumer-group"));
            groupField.clear();
            groupField.sendKeys("watchers");
            lab.browser.findElement(By.cssSelector("#consumer-start button[type='submit']")).click();
            await("the demo consumer has read the six orders").atMost(PATIENCE)
                    .until(() -> Browser.text(lab.browser, "#consumers tr td:nth-child(4)").equals("6"));
            lab.browser.findElement(By.cssSelector("#consumers button[data-action='toggle']")).click();
            await("the consumer is paused").atMost(PATIENCE)
                    .until(() -> Browser.text(lab.browser, "#consumers").contains("paused (lag grows)"));
            lab.python("produce.py", produce, "");
            assertEquals("watchers", new Select(lab.browser.findElement(By.id("group-select")))
                    .getFirstSelectedOption().getText(), "the page shows the group the consumer was started in");
            await("the paused group's lag grows").atMost(PATIENCE)
                    .until(() -> Browser.text(lab.browser, "#group-summary").contains("total lag 6"));
            assertTrue(Browser.text(lab.browser, "#group-members").contains("reads P0, P1, P2"),
                    "the paused member still holds its partitions: " + Browser.text(lab.browser, "#group-members"));
            assertEquals("6", Browser.text(lab.browser, "#consumers tr td:nth-child(4)"), "paused: it read nothing more");
            lab.lessonShown("chapter-2-kafka", "#consumers");
            assertEquals(List.of(), lab.alarmingOutput(), "the lab's terminal stays quiet");
        }
    }

    /** A program of the chapter's reading, as the page shows it (the lab's address filled in). */
    private static String program(NewcomerLab lab, String firstLine) {
        String code = lab.browser.findElements(By.cssSelector("#panel-read pre code")).stream()
                .filter(WebElement::isDisplayed)
                .map(c -> (String) lab.browser.executeScript("return arguments[0].textContent;", c))
                .filter(t -> t.startsWith(firstLine)).findFirst()
                .orElseThrow(() -> new AssertionError("the page shows no program starting with " + firstLine));
        assertTrue(code.contains("127.0.0.1:" + lab.kafkaPort) || !code.contains("9092"), code);
        return code;
    }

    private static long reads(Tools.Result consumed) {
        return consumed.output().lines().filter(l -> l.startsWith("partition=")).count();
    }
}
