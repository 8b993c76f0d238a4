package dev.streamlab.e2e;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.guarantees.ChaosJournal;
import dev.streamlab.kafka.guarantees.ChaosReport;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chapter 4 in headless Chromium: three real worker processes, one killed from the page, and the verdicts. */
class GuaranteesPageInBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void killingAWorkerFromThePageRestartsItAndTheResultsTableUpdates() throws Exception {
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(TestBroker.bootstrapServers())) {
            browser.get(lab.url("/guarantees"));
            WebElement count = browser.findElement(By.id("orders-count"));
            count.clear();
            count.sendKeys("400");
            browser.findElement(By.cssSelector("#start-form button[type=submit]")).click();

            await().atMost(PATIENCE).until(() -> text(browser, ".worker[data-mode='at-least-once'] .worker-state").startsWith("running"));
            browser.findElement(By.cssSelector(".worker[data-mode='at-least-once'] button")).click(); // Kill now

            await().atMost(PATIENCE).until(() -> text(browser, ".worker[data-mode='at-least-once'] .worker-state").contains("killed 1×"));
            await().atMost(PATIENCE).until(() -> text(browser, ".worker[data-mode='at-least-once'] .worker-state")
                    .matches("running.*restarted 1×.*"));
            await().atMost(PATIENCE).until(() -> text(browser, "#results tr[data-mode='exactly-once'] .verdict").startsWith("exact"));
            await().atMost(PATIENCE).until(() -> !text(browser, "#results tr[data-mode='at-least-once'] .lost").equals("…"));
            assertTrue(text(browser, "#results tr[data-mode='at-least-once'] .lost").equals("0"), "at-least-once never loses");
            await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#downstream tr")).isEmpty());
            await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#anatomy .cell[data-kind='marker']")).isEmpty());
            Files.write(Path.of("target", "guarantees-page.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aChaosRunStartedOnTheCommandLineShowsOnThePageWithItsVerdict() {
        String run = Names.unique("chaos-run");
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(TestBroker.bootstrapServers())) {
            try (ChaosJournal journal = ChaosJournal.open(new KafkaClients(TestBroker.bootstrapServers(), Map.of()), run)) {
                journal.line("kill 1 at 2.3 s: pid 20090 (1 process)");
                journal.report(new ChaosReport("in", "out", 10, false, false, 11, 10, 0, List.of(), 1, 1, List.of("o-000003"),
                        0, List.of(), List.of(), 0, false, 4000, 0, 0, List.of()));
            }
            browser.get(lab.url("/guarantees"));

            await().atMost(PATIENCE).until(() -> text(browser, "#chaos-verdict").contains(run));
            assertTrue(text(browser, "#chaos-verdict").startsWith("NOT EXACT"), text(browser, "#chaos-verdict"));
            assertTrue(text(browser, "#chaos-lines").contains("duplicated"), text(browser, "#chaos-lines"));
        } finally {
            browser.quit();
        }
    }

    private static String text(ChromeDriver browser, String css) {
        return Browser.text(browser, css);
    }
}
