package dev.streamlab.e2e;

import dev.streamlab.testing.Browser;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.Viewport;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 4 after a run, at the screen sizes people use: the page never scrolls sideways, and the judge's verdicts
 * read in their cells (the topics called "the input" and "the output"), with the judge's exact words one click away.
 */
class GuaranteesLayoutInBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    void afterARunThePageDoesNotScrollSidewaysAndTheVerdictsReadInTheirCells() throws Exception {
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(TestBroker.bootstrapServers())) {
            Viewport.set(browser, 1400, 900);
            browser.get(lab.url("/guarantees"));
            await().atMost(PATIENCE).until(() -> !Browser.text(browser, "#run-status").isEmpty());
            String before = input(browser); // a run the lab found on the broker from earlier, if any
            WebElement count = browser.findElement(By.id("orders-count"));
            count.clear();
            count.sendKeys("200");
            browser.findElement(By.cssSelector("#start-form button[type=submit]")).click();
            await("the new run's cards").atMost(PATIENCE).until(() -> !input(browser).isEmpty() && !input(browser).equals(before));
            for (String mode : List.of("at-most-once", "at-least-once", "exactly-once")) {
                await(mode + " verdict").atMost(PATIENCE).until(() -> !Browser.text(browser, row(mode) + " .lost").equals("…"));
            }
            await("the anatomy is drawn").atMost(PATIENCE)
                    .until(() -> !browser.findElements(By.cssSelector("#anatomy .cell")).isEmpty());
            String input = input(browser);

            String verdict = row("exactly-once") + " td.verdict";
            String shown = (String) browser.executeScript("return document.querySelector(arguments[0] + ' .verdict-short').textContent;", verdict);
            assertTrue(shown.contains("exactly once (read_committed)"), shown);
            assertFalse(shown.contains(input), "the cell calls the topic \"the input\": " + shown);
            assertTrue(shown.contains("the input") && shown.contains("the output"), shown);
            String judge = browser.findElement(By.cssSelector(verdict)).getAttribute("title");
            assertTrue(judge.contains(input), "the judge's words, topics named, are the cell's title: " + judge);
            browser.findElement(By.cssSelector(verdict + " .judge-words summary")).click();
            assertTrue(browser.findElement(By.cssSelector(verdict + " .judge-words span")).isDisplayed(), "and one click away");
            assertEquals(judge, Browser.text(browser, verdict + " .judge-words span"));

            assertNoSidewaysScroll(browser, "1400×900");
            browser.executeScript("document.getElementById('results-section').scrollIntoView();");
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "guarantees-results-1400.png"), browser.getScreenshotAs(OutputType.BYTES));
            Viewport.set(browser, 1920, 1080);
            assertNoSidewaysScroll(browser, "1920×1080");
        } finally {
            browser.quit();
        }
    }

    private static void assertNoSidewaysScroll(ChromeDriver browser, String size) {
        Object widths = browser.executeScript("const s = document.scrollingElement; return [s.scrollWidth, s.clientWidth];");
        assertEquals(Boolean.TRUE, browser.executeScript("const s = document.scrollingElement; return s.scrollWidth <= s.clientWidth;"),
                size + ": the page scrolls sideways (scrollWidth, clientWidth) " + widths + "; widest: " + browser.executeScript("""
                        return [...document.querySelectorAll('#main *')].filter((e) => e.getBoundingClientRect().right > innerWidth)
                          .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');"""));
    }

    private static String input(ChromeDriver browser) {
        Object input = browser.executeScript("const w = document.querySelector('.worker'); return w ? w.dataset.input : '';");
        return input == null ? "" : input.toString();
    }

    private static String row(String mode) {
        return "#results tr[data-mode='" + mode + "']";
    }
}
