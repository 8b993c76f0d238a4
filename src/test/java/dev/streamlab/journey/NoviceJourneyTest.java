package dev.streamlab.journey;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The novice challenge as a newcomer does it on a fresh lab on other ports: the page's set-up line, then each step's
 * command copied from the page and run with kcat, curl and python3; a typical first mistake (the starter's single
 * partition) is named by its hint, and the page's own commands make every line green.
 */
class NoviceJourneyTest {
    @TempDir
    Path home;

    @BeforeEach
    void needsTheNewcomersTools() {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (.ci/run installs it)");
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (.ci/run installs it)");
    }

    @Test
    void aNewcomerFollowsTheNovicePageOnOtherPortsAndEveryLineGoesGreen() {
        try (NewcomerLab lab = new NewcomerLab(home)) {
            lab.open("/challenges/novice");
            String setup = lab.takeTerminalSetup("#your-lab pre");
            assertTrue(setup.contains("STREAMLAB_BOOTSTRAP=127.0.0.1:" + lab.kafkaPort), setup);
            assertTrue(setup.contains("STREAMLAB_LAB=http://127.0.0.1:" + lab.port), setup);

            // First try with the starter as it is: one partition. Check my work names the mistake.
            String starter = lab.code("Create a topic with several partitions", "Python (kafka-python)");
            assertTrue(starter.contains("127.0.0.1:" + lab.kafkaPort), "the code on the page points at this lab: " + starter);
            assertTrue(lab.python("create_topic.py", starter, "first-try").output().contains("created first-try with 1 partitions"));
            List<WebElement> firstTry = lab.checkMyWork("first-try", "billing", 4);
            assertEquals("false", firstTry.get(0).getDomAttribute("data-passed"), firstTry.get(0).getText());
            assertTrue(firstTry.get(0).getText().contains("Hint: With a single partition every key ends up in the same place"),
                    firstTry.get(0).getText());

            lab.shell(lab.code("Create a topic with several partitions", "curl (the lab's API)"));
            String produced = lab.shell(lab.code("Produce keyed events", "kcat")).output();
            String consumed = lab.shell(lab.code("Consume in a group, from the earliest offset", "kcat")).output();
            assertEquals(4, consumed.lines().filter(l -> l.startsWith("partition=")).count(), produced + consumed);
            assertEquals(3, consumed.lines().filter(l -> l.startsWith("partition=")).map(l -> l.split(" ")[0])
                    .distinct().count(), "the page's keys fill all three partitions: " + consumed);
            lab.awaitGroupCaughtUp("billing");
            lab.shell(lab.code("Replay: read it all again", "curl (the lab's API)"));
            String again = lab.shell(lab.code("Consume in a group, from the earliest offset", "kcat")).output();
            assertEquals(4, again.lines().filter(l -> l.startsWith("partition=")).count(), "the replay re-reads: " + again);

            List<WebElement> lines = lab.checkMyWork("orders", "billing", 4);
            for (WebElement line : lines) {
                assertEquals("true", line.getDomAttribute("data-passed"), line.getText());
            }
            assertEquals("All 4 requirements pass. Well done!", Browser.text(lab.browser, "#check-summary"));
            String validate = lab.code("Check your work", "command line");
            assertTrue(validate.contains("validate novice --lab http://127.0.0.1:" + lab.port), validate);
            lab.lessonShown("novice-challenge", "#check-results");
            assertEquals(List.of(), lab.alarmingOutput(), "the lab's terminal stays quiet");
        }
    }
}
