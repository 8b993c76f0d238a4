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
 * A newcomer does the intermediate challenge: events with an event_time from Python, their windowed counter, Check
 * my work asking for a late event, the page's "Inject a late event", the counter again, all green, and the home page.
 */
class IntermediateChallengeInBrowserTest {
    private static final String BOOTSTRAP = TestBroker.bootstrapServers();
    private static final Path SOLUTION = Path.of("labs", "intermediate", "solution");

    private static void python(String script, String... args) {
        Tools.Result result = Tools.python(BOOTSTRAP, SOLUTION.resolve(script), args);
        assertEquals(0, result.exitCode(), script + ": " + result.output());
    }

    private static List<WebElement> checkMyWork(ChromeDriver browser) {
        List<WebElement> before = browser.findElements(By.cssSelector("#check-results > li"));
        browser.findElement(By.id("check-button")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<WebElement> now = browser.findElements(By.cssSelector("#check-results > li"));
            return now.size() == 3 && (before.isEmpty() || !now.get(0).equals(before.get(0)));
        });
        return browser.findElements(By.cssSelector("#check-results > li"));
    }

    private static void type(ChromeDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void aNewcomerCountsByEventTimeInjectsALateEventFromThePageAndTheLabSaysAllGreen() throws Exception {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (apt-get install python3-kafka)");
        String topic = Names.unique("timed-orders");
        String output = Names.unique("order-counts");
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(BOOTSTRAP)) {
            browser.get(lab.url("/"));
            browser.findElement(By.cssSelector("#challenge-intermediate a")).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/challenges/intermediate"));
            type(browser, "field-topic", topic);
            type(browser, "field-output", output);

            python("producer.py", topic, "--count", "6"); // six events in order: nothing late yet
            python("window_counter.py", topic, output, "--idle-seconds", "3");
            List<WebElement> first = checkMyWork(browser);
            assertEquals("true", first.get(0).getDomAttribute("data-passed"), first.get(0).getText());
            assertEquals("true", first.get(1).getDomAttribute("data-passed"), first.get(1).getText());
            assertEquals("false", first.get(2).getDomAttribute("data-passed"));
            assertTrue(first.get(2).findElement(By.className("check-hint")).getText().contains("Inject a late event"),
                    first.get(2).getText());

            browser.findElement(By.cssSelector("button.page-action[data-action=inject-late]")).click();
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("action-inject-late-result"))
                    .getText().startsWith("Produced a late event to " + topic));
            python("window_counter.py", topic, output, "--idle-seconds", "3");
            List<WebElement> second = checkMyWork(browser);

            for (WebElement line : second) {
                assertEquals("true", line.getDomAttribute("data-passed"), line.getText());
            }
            assertEquals("All 3 requirements pass. Well done!", browser.findElement(By.id("check-summary")).getText());
            Files.write(Path.of("target", "intermediate-all-green.png"), browser.getScreenshotAs(OutputType.BYTES));

            browser.get(lab.url("/"));
            assertTrue(browser.findElement(By.cssSelector("#challenge-intermediate .tally")).getText()
                    .contains("3 of 3 requirements passed · complete"));
            assertEquals("true", browser.findElement(By.id("checklist-windowed-aggregation")).getDomAttribute("data-earned"));
        } finally {
            browser.quit();
        }
    }
}
