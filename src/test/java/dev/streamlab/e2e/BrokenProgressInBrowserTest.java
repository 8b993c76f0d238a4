package dev.streamlab.e2e;

import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A learner whose saved progress file got damaged is told so on the home page, where it was kept, and only once. */
class BrokenProgressInBrowserTest extends LabInBrowser {

    @Test
    void theHomePageNamesTheKeptFileUntilTheLearnerHidesItAndThenNoMore() throws Exception {
        String name = Names.unique("Broken");
        browser.get(lab.url("/"));
        browser.findElement(By.id("learner-input")).sendKeys(name);
        browser.findElement(By.cssSelector("#learner-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("learner-name")).getText().equals(name));
        Path file = lab.progressFileOf(name);
        Files.write(file, new byte[] {'{', 0, (byte) 0xFF, '"'});

        browser.navigate().refresh();

        Path kept = file.resolveSibling(file.getFileName() + ".broken");
        assertEquals("Your saved progress could not be read; it was kept as " + kept + " and you start afresh.",
                browser.findElement(By.id("progress-notice-text")).getText());
        browser.executeScript("window.scrollTo(0, 0)");
        Files.write(Path.of("target", "home-broken-progress.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.navigate().refresh();
        assertTrue(browser.findElements(By.id("progress-notice")).size() == 1, "shown until the learner hides it");

        browser.findElement(By.id("dismiss-progress-notice")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.id("progress-notice")).isEmpty());
        browser.navigate().refresh();
        assertTrue(browser.findElements(By.id("progress-notice")).isEmpty(), "said once");
        assertEquals(name, browser.findElement(By.id("learner-name")).getText());
    }
}
