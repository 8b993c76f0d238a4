package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A newcomer does the novice challenge as the page guides: from the home page to the challenge, the steps done
 * outside the browser with the Python scripts and kcat, Check my work all green, and the home page showing it.
 */
class NoviceChallengeInBrowserTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static final Path SOLUTION = Path.of("labs", "novice", "solution");

    private static Tools.Result python(String script, String... args) {
        Tools.Result result = Tools.python(BOOTSTRAP, SOLUTION.resolve(script), args);
        assertEquals(0, result.exitCode(), script + ": " + result.output());
        return result;
    }

    @Test
    void aNewcomerDoesTheNoviceChallengeWithPythonAndKcatAndTheLabSaysAllGreen() throws Exception {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (apt-get install python3-kafka)");
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (apt-get install kcat)");
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(BOOTSTRAP)) {
            browser.get(lab.url("/"));
            browser.findElement(By.cssSelector("#challenge-novice a")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/challenges/novice"));

            python("create_topic.py", topic, "3");
            Tools.Result kcat = Tools.run(null, "cust-1:{\"order_id\": 1, \"amount\": 12}\ncust-2:{\"order_id\": 2, \"amount\": 7}\n",
                    "kcat", "-b", BOOTSTRAP, "-t", topic, "-P", "-K:", "-X", "partitioner=murmur2_random");
            assertEquals(0, kcat.exitCode(), kcat.output());
            python("producer.py", topic, "12");
            String firstRead = python("consumer.py", topic, group, "3").output();
            assertEquals(14, firstRead.lines().filter(l -> l.contains("offset=")).count(), firstRead);
            // A person takes seconds to get here; the lab must have seen the group at the end before it goes back.
            await().atMost(Duration.ofSeconds(10)).until(() -> lab.web().monitor().history().samples(group).stream()
                    .anyMatch(sample -> sample.offsets().stream().mapToLong(o -> Math.max(0, o.committed())).sum() == 14));
            python("replay.py", topic, group);
            String secondRead = python("consumer.py", topic, group, "3").output();
            assertEquals(14, secondRead.lines().filter(l -> l.contains("offset=")).count(), "the replay re-reads everything");

            WebElement topicField = browser.findElement(By.id("field-topic"));
            topicField.clear();
            topicField.sendKeys(topic);
            WebElement groupField = browser.findElement(By.id("field-group"));
            groupField.clear();
            groupField.sendKeys(group);
            browser.findElement(By.id("check-button")).click();
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.findElements(By.cssSelector("#check-results > li"))
                    .size() == 4);

            List<WebElement> lines = browser.findElements(By.cssSelector("#check-results > li"));
            for (WebElement line : lines) {
                assertEquals("true", line.getDomAttribute("data-passed"), line.getText());
            }
            assertEquals("All 4 requirements pass. Well done!", browser.findElement(By.id("check-summary")).getText());
            Files.write(Path.of("target", "novice-all-green.png"), browser.getScreenshotAs(OutputType.BYTES));

            browser.findElement(By.cssSelector(".site-header a")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.id("progress")).size() == 1);
            assertTrue(browser.findElement(By.cssSelector("#challenge-novice .tally")).getText()
                    .contains("4 of 4 requirements passed · complete"));
            assertEquals("true", browser.findElement(By.id("checklist-produced-and-consumed")).getDomAttribute("data-earned"));
        } finally {
            browser.quit();
        }
    }
}
