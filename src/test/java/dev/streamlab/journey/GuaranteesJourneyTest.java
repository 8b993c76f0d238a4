package dev.streamlab.journey;

import dev.streamlab.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 4 as a newcomer meets it on a fresh lab on other ports: Start a fresh run with the page's own order count,
 * one Kill now on the at-least-once and one on the at-most-once worker as soon as the page lets them, and the
 * results show a duplicate for the one and a loss for the other, while exactly-once stays exact.
 */
class GuaranteesJourneyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ALO = "at-least-once";
    private static final String AMO = "at-most-once";
    private static final String EOS = "exactly-once";

    @TempDir
    Path home;

    @Test
    void oneKillEachShowsADuplicateForAtLeastOnceAndALossForAtMostOnce() {
        try (NewcomerLab lab = new NewcomerLab(home)) {
            lab.open("/guarantees");
            lab.browser.findElement(By.cssSelector("#start-form button[type=submit]")).click();

            killNowWhenEnabled(lab, ALO);
            killNowWhenEnabled(lab, AMO);
            for (String mode : List.of(ALO, AMO, EOS)) {
                await(mode + " verdict").atMost(PATIENCE).until(() -> !cell(lab, mode, "lost").equals("…"));
            }
            assertEquals("0", cell(lab, ALO, "lost"), "at-least-once never loses");
            assertTrue(Integer.parseInt(cell(lab, ALO, "duplicated")) >= 1, Browser.text(lab.browser, "#results"));
            assertEquals("0", cell(lab, AMO, "duplicated"), "at-most-once never repeats");
            assertTrue(Integer.parseInt(cell(lab, AMO, "lost")) >= 1, Browser.text(lab.browser, "#results"));
            assertEquals("0", cell(lab, EOS, "lost"));
            assertEquals("0", cell(lab, EOS, "duplicated"));
            assertTrue(Browser.text(lab.browser, ".worker[data-mode='" + ALO + "'] .worker-lesson").contains("duplicates"));
            assertTrue(Browser.text(lab.browser, ".worker[data-mode='" + AMO + "'] .worker-lesson").contains("lost"));
            lab.lessonShown("chapter-4-guarantees", "#results");
            assertEquals(List.of(), lab.alarmingOutput(), "the lab's terminal stays quiet");
        }
    }

    /** Clicks the card's Kill now as soon as the page enables it (the worker processes), as a person would. */
    private static void killNowWhenEnabled(NewcomerLab lab, String mode) {
        String css = ".worker[data-mode='" + mode + "'] button[data-kill='now']";
        await(mode + " Kill now enabled").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> Boolean.TRUE.equals(lab.browser.executeScript(
                        "const b = document.querySelector(arguments[0]); if (!b || b.disabled) return false; b.click(); return true;",
                        css)));
    }

    private static String cell(NewcomerLab lab, String mode, String column) {
        return Browser.text(lab.browser, "#results tr[data-mode='" + mode + "'] ." + column);
    }
}
