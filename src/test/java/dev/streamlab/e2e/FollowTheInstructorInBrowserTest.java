package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instructor plays a scenario on the presenter view and a learner's /time page follows it live: the same step, the
 * same marks, the late event the instructor injects, a scenario the instructor loads. The learner turns following off
 * and steps a playback of their own, and the instructor's playback stays where it was.
 */
class FollowTheInstructorInBrowserTest extends LabInBrowser {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aLearnerFollowsTheInstructorsPlaybackThenPlaysTheirOwnWithoutMovingIt() {
        Browser.visit(browser, lab.url("/present/time?scenario=mobile-order-1159"), "#playback-status");
        await().atMost(PATIENCE).until(() -> Browser.text(browser, "#playback-status").contains("step 0 of"));
        Actions clicker = new Actions(browser);
        clicker.sendKeys(Keys.PAGE_DOWN).perform();
        await().atMost(PATIENCE).until(() -> position(browser) == 1);
        clicker.sendKeys(Keys.PAGE_DOWN).perform();
        await().atMost(PATIENCE).until(() -> position(browser) == 2);

        ChromeDriver learner = Browser.open();
        try {
            Browser.visit(learner, lab.url("/time"), "#playback-status");
            // A class playback is running, and the learner has not chosen: the page follows it, its controls resting.
            await().atMost(PATIENCE).until(() -> "true".equals(learner.findElement(By.id("follow")).getDomAttribute("aria-checked")));
            assertEquals("Following the instructor: on", Browser.text(learner, "#follow"));
            await().atMost(PATIENCE).until(() -> position(learner) == 2 && marks(learner).equals(marks(browser)));
            assertTrue(Browser.text(learner, "#follow-note").contains("step 2 of"), Browser.text(learner, "#follow-note"));
            assertTrue(learner.findElement(By.id("step")).getDomProperty("disabled").equals("true"), "the learner's controls rest");

            // The instructor steps on and injects a late event: the learner's picture follows, mark for mark.
            clicker.sendKeys(Keys.PAGE_DOWN).perform();
            await().atMost(PATIENCE).until(() -> position(browser) == 3);
            WebElement late = browser.findElement(By.id("inject-late"));
            late.clear();
            late.sendKeys("600");
            browser.findElement(By.cssSelector("#inject-form button[type=submit]")).click();
            await().atMost(PATIENCE).until(() -> marks(browser).size() == 4);
            await().atMost(PATIENCE).until(() -> position(learner) == position(browser) && marks(learner).equals(marks(browser)));

            // The instructor loads another scenario and steps once: the learner sees it too.
            new Select(browser.findElement(By.id("scenario-select"))).selectByValue("out-of-order-within-bound");
            browser.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
            await().atMost(PATIENCE).until(() -> Browser.text(browser, "#playback-status").contains("step 0 of"));
            clicker.sendKeys(Keys.PAGE_DOWN).perform();
            await().atMost(PATIENCE).until(() -> position(browser) == 1);
            String instructorStatus = Browser.text(browser, "#playback-status");
            await().atMost(PATIENCE).until(() -> Browser.text(learner, "#playback-status").equals(instructorStatus)
                    && marks(learner).equals(marks(browser)));

            // Following off: the learner's own playback, stepped by their own controls.
            learner.findElement(By.id("follow")).click();
            await().atMost(PATIENCE).until(() -> "Following the instructor: off".equals(Browser.text(learner, "#follow")));
            await().atMost(PATIENCE).until(() -> Browser.text(learner, "#playback-status").contains("Your own playback"));
            new Select(learner.findElement(By.id("scenario-select"))).selectByValue("mobile-order-1159");
            learner.findElement(By.cssSelector("#scenario-form button[type=submit]")).click();
            await().atMost(PATIENCE).until(() -> Browser.text(learner, "#playback-status").contains("step 0 of"));
            for (int step = 1; step <= 3; step++) {
                learner.findElement(By.id("step")).click();
                int expected = step;
                await().atMost(PATIENCE).until(() -> position(learner) == expected && marks(learner).size() == expected);
            }
            assertTrue(Browser.text(learner, "#playback-status").startsWith("The mobile order placed at 11:59: step 3 of"),
                    Browser.text(learner, "#playback-status"));

            // The instructor's playback has not moved, in the room's view or on the lab.
            assertEquals(instructorStatus, Browser.text(browser, "#playback-status"));
            assertEquals(1, marks(browser).size());
            assertEquals(1, lab.web().playback().state().orElseThrow().position());
            assertEquals("out-of-order-within-bound", lab.web().playback().state().orElseThrow().scenarioId());
        } finally {
            learner.quit();
        }
    }

    private static int position(ChromeDriver page) {
        String status = Browser.text(page, "#playback-status");
        return status.contains("step ") ? Integer.parseInt(status.replaceAll("^.*step (\\d+) of.*$", "$1")) : -1;
    }

    /** The picture's marks as a person reads them: each event's key and what happened to it, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> marks(ChromeDriver page) {
        return (List<String>) page.executeScript("return [...document.querySelectorAll('.timeline .event')]"
                + ".map((e) => e.dataset.key + ' ' + e.dataset.status)");
    }
}
