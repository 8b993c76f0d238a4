package dev.streamlab.e2e;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each challenge page guides: code in each language behind tabs, hints on request, and Check my work line by line. */
class ChallengePagesInBrowserTest extends LabInBrowser {
    @Test
    void everyChallengePageShowsItsStepsHintsAndAFailingLineWithAHintForWorkNotDoneYet() throws Exception {
        for (Challenge challenge : QuestLoader.load().challenges()) {
            Browser.visit(browser, lab.url(challenge.path()), ".requirements > li");

            assertEquals(challenge.requirements().size(), browser.findElements(By.cssSelector(".requirements > li")).size());
            assertEquals(challenge.steps().size(), browser.findElements(By.cssSelector(".steps > li")).size());
            WebElement firstHint = browser.findElement(By.cssSelector("#hints details"));
            assertFalse(firstHint.findElement(By.cssSelector(".markdown")).isDisplayed(), "hints stay hidden until asked");
            firstHint.findElement(By.tagName("summary")).click();
            assertTrue(firstHint.findElement(By.cssSelector(".markdown")).isDisplayed());

            WebElement tabs = browser.findElement(By.cssSelector(".code-tabs"));
            List<WebElement> panels = tabs.findElements(By.cssSelector("[role=tabpanel]"));
            if (panels.size() > 1) {
                assertFalse(panels.get(1).isDisplayed());
                tabs.findElements(By.cssSelector("[role=tab]")).get(1).click();
                assertTrue(panels.get(1).isDisplayed());
                assertFalse(panels.get(0).isDisplayed());
            }

            for (WebElement field : browser.findElements(By.cssSelector("#check-form input[name]"))) {
                field.clear();
                field.sendKeys(Names.unique("nothing-" + field.getDomAttribute("name")));
            }
            assertTrue(browser.findElement(By.id("check-cli")).getText().contains("--topic nothing-topic"),
                    "the command line follows the names typed");
            browser.findElement(By.id("check-button")).click();
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.findElements(By.cssSelector("#check-results > li"))
                    .size() == challenge.requirements().size());

            List<WebElement> lines = browser.findElements(By.cssSelector("#check-results > li"));
            assertTrue(lines.stream().allMatch(l -> "false".equals(l.getDomAttribute("data-passed"))));
            assertTrue(lines.get(0).findElement(By.className("check-hint")).getText().startsWith("Hint: "));
            assertTrue(browser.findElement(By.id("check-summary")).getText()
                    .equals("0 of " + challenge.requirements().size() + " requirements pass."));
            Files.write(Path.of("target", "challenge-" + challenge.id() + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
    }
}
