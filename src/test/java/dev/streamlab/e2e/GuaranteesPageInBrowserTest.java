package dev.streamlab.e2e;

import dev.streamlab.kafka.guarantees.ChaosPrograms;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.Cli;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Chapter 4 in headless Chromium: three real worker processes killed from the page inside a batch, and the verdicts. */
class GuaranteesPageInBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void killsFromThePageLandInsideABatchSoEachModeShowsItsLessonAndANewRunClearsTheOldCards() throws Exception {
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(TestBroker.bootstrapServers())) {
            browser.get(lab.url("/guarantees"));
            // 1,200 orders take each worker about 12 s at the desk's pace: time for a person's three clicks.
            startRun(browser, "1200");

            // A worker that is starting has nothing to interrupt: its kill buttons wait until it processes.
            await().atMost(PATIENCE).until(() -> !text(browser, card(ALO) + " .worker-state").isEmpty()
                    || !browser.findElements(By.cssSelector("#run-status[data-kind='error']")).isEmpty());
            assertTrue(!text(browser, card(ALO) + " .worker-state").isEmpty(), text(browser, "#run-status"));
            String first = text(browser, card(ALO) + " .worker-state");
            if (!first.startsWith("running (pid ") || first.contains("starting") || first.contains("caught up")) {
                assertTrue(disabled(browser, ALO, "now"), "not processing, yet Kill now is enabled: " + first);
            }

            // Kill now works from the first batch to the last; "Kill after N more" is offered while more than two batches
            // are left after N.
            // The button a person aims at stays the same element while its card updates twice a second: a live
            // update must not replace it under the pointer.
            String killNowCss = card(ALO) + " button[data-kill='now']";
            WebElement killNow = browser.findElement(By.cssSelector(killNowCss));
            browser.executeScript("arguments[0].dataset.probe = 'aimed at';", killNow);
            String shown = first;
            for (int update = 1; update <= 3; update++) {
                String before = shown;
                await("live update " + update + " of the card").atMost(PATIENCE)
                        .until(() -> !text(browser, card(ALO) + " .worker-state").equals(before));
                shown = text(browser, card(ALO) + " .worker-state");
            }
            assertEquals("aimed at", browser.executeScript("return document.querySelector(arguments[0]).dataset.probe;", killNowCss),
                    "the Kill now button was rebuilt by a live update");
            await("Kill now enabled").atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(killNow::isEnabled);
            killNow.click(); // a real click on the element found before the updates: stale if it had been replaced
            click(browser, AMO, "now");
            try {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                        .until(() -> button(browser, EOS, "after").matches("Kill after \\d+ more"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the exactly-once card never offered a kill after N more: " + text(browser, "#workers"), e);
            }
            String after = button(browser, EOS, "after");
            click(browser, EOS, "after");

            for (String mode : List.of(ALO, AMO, EOS)) {
                try {
                    await(mode + " killed and back").atMost(PATIENCE).until(() ->
                            text(browser, card(mode) + " .worker-state").matches("running \\(pid \\d+\\) · .*killed 1× · restarted 1×"));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(mode + " was not killed and back: " + text(browser, card(mode)) + " | "
                            + text(browser, "#run-status"), e);
                }
            }
            assertTrue(text(browser, card(EOS) + " .worker-note").contains("killed in a batch of"), text(browser, card(EOS)));
            assertTrue(text(browser, card(ALO) + " .worker-lesson").contains("duplicates"), text(browser, card(ALO)));
            assertTrue(text(browser, card(AMO) + " .worker-lesson").contains("lost"), text(browser, card(AMO)));
            assertTrue(text(browser, card(ALO) + " .worker-recovery").contains("restart 1: back to work"), text(browser, card(ALO)));
            assertTrue(text(browser, card(ALO)).contains("session.timeout.ms"), text(browser, card(ALO)));

            for (String mode : List.of(ALO, AMO, EOS)) {
                await(mode + " verdict").atMost(PATIENCE).until(() -> !cell(browser, mode, "lost").equals("…"));
            }
            assertEquals("0", cell(browser, ALO, "lost"), "at-least-once never loses");
            assertTrue(Integer.parseInt(cell(browser, ALO, "duplicated")) >= 1, "the killed batch is repeated: "
                    + text(browser, "#results"));
            assertEquals("0", cell(browser, AMO, "duplicated"), "at-most-once never repeats");
            assertTrue(Integer.parseInt(cell(browser, AMO, "lost")) >= 1, "the killed batch is lost: " + text(browser, "#results"));
            assertTrue(cell(browser, EOS, "verdict").contains("exactly once (read_committed)"), after + " then: " + cell(browser, EOS, "verdict"));

            // Caught up: nothing is in flight, and the page says so instead of offering a kill.
            assertTrue(disabled(browser, ALO, "now"), "caught up, yet Kill now is enabled");
            assertTrue(attribute(browser, ALO, "now", "title").contains("nothing is in flight to interrupt"),
                    attribute(browser, ALO, "now", "title"));
            await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#downstream tr")).isEmpty());
            await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#anatomy .cell[data-kind='marker']")).isEmpty());
            assertTrue(text(browser, "#anatomy").contains("epoch grows at each commit"), text(browser, "#anatomy"));
            Files.write(Path.of("target", "guarantees-page.png"), browser.getScreenshotAs(OutputType.BYTES));

            // A fresh run: the old run's cards, results and downstream go as the form is sent, before the new run is up.
            String oldInput = (String) browser.executeScript("return document.querySelector('.worker').dataset.input;");
            startRun(browser, "400");
            assertEquals(0L, browser.executeScript("return document.querySelectorAll('#workers .worker, #results tr, "
                    + "#downstream tr, #anatomy .cell').length;"), "the old run is still shown");
            await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector(".worker")).isEmpty());
            assertNotEquals(oldInput, browser.executeScript("return document.querySelector('.worker').dataset.input;"));
        } finally {
            browser.quit();
        }
    }

    private static final String ALO = "at-least-once";
    private static final String AMO = "at-most-once";
    private static final String EOS = "exactly-once";

    private static void startRun(ChromeDriver browser, String orders) {
        WebElement count = browser.findElement(By.id("orders-count"));
        count.clear();
        count.sendKeys(orders);
        browser.findElement(By.cssSelector("#start-form button[type=submit]")).click();
    }

    private static String card(String mode) {
        return ".worker[data-mode='" + mode + "']";
    }

    /** Clicks a kill button once the page enables it (the worker processes), as a person would. */
    private static void click(ChromeDriver browser, String mode, String kind) {
        String css = card(mode) + " button[data-kill='" + kind + "']";
        await(mode + " " + kind + " enabled").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> Boolean.TRUE.equals(browser.executeScript(
                        "const b = document.querySelector(arguments[0]); if (!b || b.disabled) return false; b.click(); return true;", css)));
    }

    private static boolean disabled(ChromeDriver browser, String mode, String kind) {
        return Boolean.TRUE.equals(browser.executeScript("const b = document.querySelector(arguments[0]); return b ? b.disabled : null;",
                card(mode) + " button[data-kill='" + kind + "']"));
    }

    private static String attribute(ChromeDriver browser, String mode, String kind, String name) {
        Object v = browser.executeScript("const b = document.querySelector(arguments[0]); return b ? b.getAttribute(arguments[1]) : '';",
                card(mode) + " button[data-kill='" + kind + "']", name);
        return v == null ? "" : v.toString();
    }

    private static String button(ChromeDriver browser, String mode, String kind) {
        return text(browser, card(mode) + " button[data-kill='" + kind + "']");
    }

    private static String cell(ChromeDriver browser, String mode, String column) {
        return text(browser, "#results tr[data-mode='" + mode + "'] ." + column);
    }

    @Test
    void aChaosRunStartedOnTheCommandLineShowsOnThePageWithItsVerdictAndWhatEachRestartWaitedFor(@TempDir Path dir) {
        assumeTrue(Tools.pythonHas("confluent_kafka"), "Debian's python3-confluent-kafka is not installed (.ci/run installs it)");
        String input = Names.unique("page-chaos-in");
        Path program = ChaosPrograms.write(dir, "at_least_once.py", ChaosPrograms.atLeastOnce(1));
        ChromeDriver browser = Browser.open();
        try (TestLab lab = TestLab.start(TestBroker.bootstrapServers())) {
            Cli.Run run = Cli.run("chaos", "--bootstrap-servers", TestBroker.bootstrapServers(), "--input", input,
                    "--output", Names.unique("page-chaos-out"), "--kills", "1", "--records", "200", "--quiet", "2s",
                    "--kill-on", ChaosPrograms.SIGNAL, "--", Tools.PYTHON, program.toString());
            assertEquals(1, run.exitCode(), run.out() + run.err());
            browser.get(lab.url("/guarantees"));

            await().atMost(PATIENCE).until(() -> text(browser, "#chaos-verdict").contains(input));
            assertTrue(text(browser, "#chaos-verdict").startsWith("NOT EXACT: " + input), text(browser, "#chaos-verdict"));
            assertTrue(text(browser, "#chaos-verdict").contains("duplicates: order o-"), text(browser, "#chaos-verdict"));
            assertTrue(text(browser, "#chaos-runs").startsWith("run 2 got its partitions back in "), text(browser, "#chaos-runs"));
            assertTrue(text(browser, "#chaos-runs").contains("static member alo-1 rejoined in the killed one's place"),
                    text(browser, "#chaos-runs"));
            assertTrue(text(browser, "#chaos-lines").contains("kill 1 -> first committed output of run 2"),
                    text(browser, "#chaos-lines"));
        } finally {
            browser.quit();
        }
    }

    private static String text(ChromeDriver browser, String css) {
        return Browser.text(browser, css);
    }
}
