package dev.streamlab.journey;

import dev.streamlab.kafka.guarantees.ChaosPrograms;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The advanced challenge as a newcomer does it on a fresh lab on other ports: Check my work before anything ran
 * names the chaos command; the page's starter with its TODOs done as the steps say, run under the page's own chaos
 * line, is exact after three kills (the report names the session wait of each restart), and every line is green.
 */
class AdvancedJourneyTest {
    @TempDir
    Path home;

    @BeforeEach
    void needsTheNewcomersTools() {
        assumeTrue(Tools.pythonHas("confluent_kafka"), "Debian's python3-confluent-kafka is not installed (.ci/run installs it)");
    }

    @Test
    void theStarterDoneAsTheStepsSaySurvivesThePagesChaosCommandAndEveryLineGoesGreen() {
        try (NewcomerLab lab = new NewcomerLab(home)) {
            lab.open("/challenges/advanced");
            lab.takeTerminalSetup("#your-lab pre");

            List<WebElement> tooSoon = lab.checkMyWork(null, null, 4);
            WebElement crash = tooSoon.get(3);
            assertEquals("false", crash.getDomAttribute("data-passed"), crash.getText());
            assertTrue(crash.getText().contains("The chaos command writes them for you"), crash.getText());

            String starter = lab.code("1. The transactional loop", "Python (confluent-kafka): starter");
            lab.save("aggregator.py", done(starter));
            String chaos = lab.browser.findElements(By.cssSelector("#steps pre code")).stream()
                    .map(c -> (String) lab.browser.executeScript("return arguments[0].textContent;", c))
                    .filter(t -> t.startsWith("java -jar target/streamlab.jar chaos ")).findFirst().orElseThrow();
            // Three kills of a dynamic member: each restart waits out the killed one's 45 s session.
            Tools.Result run = lab.shell(NewcomerLab.withoutTheJar(chaos.strip()), java.time.Duration.ofMinutes(5));
            assertTrue(run.output().contains("result: EXACT"), run.output());
            assertTrue(run.output().contains("had no partitions for"), "the report teaches the session wait: " + run.output());

            List<WebElement> lines = lab.checkMyWork("eos-orders", "eos-aggregator", 4);
            for (WebElement line : lines) {
                assertEquals("true", line.getDomAttribute("data-passed"), line.getText());
            }
            assertEquals("All 4 requirements pass. Well done!", Browser.text(lab.browser, "#check-summary"));
            lab.lessonShown("advanced-challenge", "#check-results");
            assertEquals(List.of(), lab.alarmingOutput(), "the lab's terminal stays quiet");
        }
    }

    /** The starter with each TODO done as steps 1 to 3 of the page say. */
    private static String done(String starter) {
        String[][] edits = {
                {"    # TODO 1: a transactional.id that is the same on every start, e.g. GROUP + \"-tx\"",
                        "    \"transactional.id\": GROUP + \"-tx\","},
                {"# TODO 1: producer.init_transactions(30)", "producer.init_transactions(30)"},
                {"    # TODO 2: \"enable.auto.commit\": False and \"isolation.level\": \"read_committed\"",
                        "    \"enable.auto.commit\": False, \"isolation.level\": \"read_committed\","},
                {"# TODO 3: rebuild totals from the committed output (latest \"total\" per customer) before going on",
                        ChaosPrograms.REBUILD_TOTALS},
                {"    # TODO 1: producer.begin_transaction()", "    producer.begin_transaction()\n    next_offsets = {}"},
                {"        producer.produce(OUTPUT, key=None, value=json.dumps(out))  # TODO 3: a stable key",
                        "        producer.produce(OUTPUT, key=customer, value=json.dumps(out))\n"
                                + "        next_offsets[(message.topic(), message.partition())] = message.offset() + 1"},
                {"    # TODO 2: producer.send_offsets_to_transaction([...next offsets...], consumer.consumer_group_metadata(), 30)",
                        "    offsets = [TopicPartition(t, p, o) for (t, p), o in next_offsets.items()]\n"
                                + "    producer.send_offsets_to_transaction(offsets, consumer.consumer_group_metadata(), 30)"},
                {"    # TODO 1: producer.commit_transaction(30); on KafkaException: abort_transaction(30) and seek back",
                        "    producer.commit_transaction(30)"},
        };
        String code = starter;
        for (String[] edit : edits) {
            assertTrue(code.contains(edit[0]), "the starter on the page has no line " + edit[0]);
            code = code.replace(edit[0], edit[1]);
        }
        return code;
    }
}
