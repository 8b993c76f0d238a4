package dev.streamlab.e2e;

import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Question;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.Viewport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab as an app: a header that links the whole quest with the learner's progress and the page shown marked, and
 * chapter pages that open on their lab, with Read and Check one click (or one link) away.
 */
class LayoutInBrowserTest extends LabInBrowser {
    private static final Quest QUEST = QuestLoader.load();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Where each chapter's picture is (the controls are the lab's first button, field or list). */
    private static final Map<String, String> PICTURES = Map.of("batch-vs-stream", ".bs-columns", "kafka", "#lanes",
            "time", "#stage", "guarantees", "#workers");

    @Test
    void theHeaderListsEveryChapterThenEveryChallengeInOrderAndMarksThePageShown() {
        List<String> quest = Stream.concat(QUEST.chapters().stream().map(Chapter::path),
                QUEST.challenges().stream().map(c -> c.path())).toList();
        for (String page : List.of("/", QUEST.chapters().get(2).path(), QUEST.challenges().get(0).path())) {
            Browser.visit(browser, lab.url(page), ".site-header .quest-nav a");
            List<WebElement> links = browser.findElements(By.cssSelector(".site-header .quest-nav a"));
            assertEquals(quest, links.stream().map(a -> a.getDomAttribute("href")).toList(), page);
            List<String> current = links.stream().filter(a -> "page".equals(a.getDomAttribute("aria-current")))
                    .map(a -> a.getDomAttribute("href")).toList();
            assertEquals(page.equals("/") ? List.of() : List.of(page), current, "marked on " + page);
        }
        browser.get(lab.url("/"));
        assertTrue(browser.findElement(By.cssSelector(".quest-nav a[href='/time']")).getText()
                .matches("3\\s+Event time\\s+0/\\d+"), browser.findElement(By.cssSelector(".quest-nav a[href='/time']")).getText());
        assertTrue(browser.findElement(By.id("next-step")).getText().startsWith("Start here: Chapter 1: "),
                "a new learner is told where to start: " + browser.findElement(By.id("next-step")).getText());
    }

    @Test
    void aRightAnswerCountsInTheHeaderAndTheHomePageThenSaysWhatIsNext() {
        Chapter kafka = QUEST.chapter("kafka").orElseThrow();
        Question first = kafka.questions(Question.Kind.KNOWLEDGE).get(0);
        int right = 0;
        while (!first.options().get(right).correct()) {
            right++;
        }
        // A learner of this test's own, so the other tests' learner starts afresh.
        browser.get(lab.url("/"));
        browser.findElement(By.id("learner-input")).sendKeys(Names.unique("nav"));
        browser.findElement(By.cssSelector("#learner-form button")).click();
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.id("next-step")).isEmpty()
                && browser.findElement(By.id("learner-name")).getText().startsWith("nav"));
        browser.get(lab.url(kafka.path() + "#check"));
        WebElement form = browser.findElement(By.id("question-" + first.id()));
        form.findElement(By.id("q-" + first.id() + "-" + right)).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(PATIENCE).until(() -> form.findElement(By.className("feedback")).getText().startsWith("Right."));

        browser.navigate().refresh();
        String total = String.valueOf(kafka.questions().size());
        assertEquals("1/" + total, browser.findElement(By.cssSelector(".quest-nav a[href='/kafka'] .nav-progress")).getText());
        assertTrue(browser.findElement(By.id("panel-check")).isDisplayed(), "a reload stays on the Check tab");
        browser.get(lab.url("/"));
        assertTrue(browser.findElement(By.id("next-step")).getText().startsWith("Next: Chapter 1: "),
                browser.findElement(By.id("next-step")).getText());
    }

    @Test
    void aChaptersReadAndCheckAddressesOpenOnThatTabAndBackAndForwardWalkTheTabs() {
        String time = QUEST.chapter("time").orElseThrow().path();
        browser.get(lab.url(time + "#read"));
        assertShown("read");
        assertTrue(browser.findElement(By.id("reading")).isDisplayed(), "the chapter's reading is on the Read tab");
        browser.get(lab.url(time + "#check"));
        assertShown("check");
        assertTrue(browser.findElement(By.id("knowledge-check")).isDisplayed());

        browser.findElement(By.id("tab-lab")).click();
        assertShown("lab");
        assertTrue(browser.getCurrentUrl().endsWith(time + "#lab"), browser.getCurrentUrl());
        browser.navigate().back();
        assertShown("check");
        browser.navigate().forward();
        assertShown("lab");
        browser.get(lab.url(time));
        assertShown("lab");
    }

    @Test
    void theArrowKeysHomeAndEndMoveBetweenTheTabs() {
        browser.get(lab.url(QUEST.chapter("guarantees").orElseThrow().path()));
        browser.findElement(By.id("tab-lab")).sendKeys(Keys.ARROW_RIGHT);
        assertShown("read");
        assertEquals("tab-read", browser.switchTo().activeElement().getDomAttribute("id"), "focus follows the tab");
        browser.switchTo().activeElement().sendKeys(Keys.END);
        assertShown("check");
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertShown("lab");
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        assertShown("check");
        browser.switchTo().activeElement().sendKeys(Keys.HOME);
        assertShown("lab");
        assertEquals("0", browser.findElement(By.id("tab-lab")).getDomAttribute("tabindex"));
        assertEquals("-1", browser.findElement(By.id("tab-read")).getDomAttribute("tabindex"),
                "Tab leaves the tab list: only the selected tab is in the tab order");
    }

    @Test
    void everyChaptersLabControlsAndPictureStartOnTheFirstScreenAt1400By900() {
        List<String> below = new ArrayList<>();
        for (Chapter chapter : QUEST.chapters()) {
            browser.get(lab.url(chapter.path()));
            Viewport.set(browser, 1400, 900);
            WebElement control = browser.findElement(By.cssSelector("#panel-lab :is(button, input, select)"));
            WebElement picture = browser.findElement(By.cssSelector("#panel-lab " + PICTURES.get(chapter.id())));
            long controlY = top(control);
            long pictureY = top(picture);
            assertTrue(control.isDisplayed(), chapter.id());
            if (controlY >= 900 || pictureY >= 900) {
                below.add(chapter.path() + ": first control at " + controlY + " px, picture at " + pictureY + " px");
            }
        }
        assertEquals(List.of(), below, "every lab starts within the first 900 px");
    }

    private long top(WebElement element) {
        return ((Number) browser.executeScript(
                "window.scrollTo(0, 0); return Math.round(arguments[0].getBoundingClientRect().top + window.scrollY);",
                element)).longValue();
    }

    private void assertShown(String part) {
        await().atMost(PATIENCE).until(() -> "true".equals(
                browser.findElement(By.id("tab-" + part)).getDomAttribute("aria-selected")));
        for (String other : List.of("lab", "read", "check")) {
            assertEquals(other.equals(part), browser.findElement(By.id("panel-" + other)).isDisplayed(),
                    "panel " + other + " shown while on " + part);
        }
        assertEquals(1, browser.findElements(By.cssSelector("[role=tab][aria-selected=true]")).size());
    }
}
