package dev.streamlab.e2e;

import dev.streamlab.App;
import dev.streamlab.RunningLab;
import dev.streamlab.config.LabSettings;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A newcomer opens the lab in a real browser and sees its broker up and the quest laid out. */
class HomePageInBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theHomePageInHeadlessChromiumShowsTheBrokerUpAndTheQuest() throws Exception {
        LabSettings settings = new LabSettings("127.0.0.1", FreePorts.next(), FreePorts.next(), dir.resolve("data"),
                false, Optional.empty(), Optional.empty(), false, Duration.ofSeconds(10));
        ChromeDriver browser = Browser.open();
        try (RunningLab lab = App.start(settings, Clock.systemUTC())) {
            browser.get(lab.webUrl() + "/");

            WebElement state = browser.findElement(By.id("broker-state"));
            // home.js refreshes the badge from /api/health; it must still say "up" after it has done so.
            await().atMost(Duration.ofSeconds(10)).until(() -> (Boolean) browser.executeScript(
                    "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/api/health'))"));
            assertEquals("up", state.getText());
            assertEquals("up", state.getDomAttribute("data-state"));
            assertTrue(browser.findElement(By.id("broker-bootstrap")).getText().contains(lab.clients().bootstrapServers()));
            List<WebElement> chapters = browser.findElements(By.cssSelector(".chapters li a"));
            assertEquals(4, chapters.size());
            assertEquals(3, browser.findElements(By.cssSelector(".challenges li a")).size());
            Files.write(Path.of("target", "home-page.png"), browser.getScreenshotAs(OutputType.BYTES));

            chapters.get(1).click();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/kafka"));
            assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Kafka, the log"));
        } finally {
            browser.quit();
        }
    }
}
