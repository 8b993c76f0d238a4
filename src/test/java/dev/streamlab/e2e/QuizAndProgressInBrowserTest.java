package dev.streamlab.e2e;

import dev.streamlab.App;
import dev.streamlab.RunningLab;
import dev.streamlab.config.LabSettings;
import dev.streamlab.lab.AnswerOption;
import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Question;
import dev.streamlab.lab.QuestLoader;
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

/**
 * A learner answers chapter 1's questions in the browser, reads why each answer is right or wrong, earns a quick
 * win, and finds it all on the home page, also after the lab restarts; another name starts afresh; a reset forgets.
 */
class QuizAndProgressInBrowserTest {
    private static final Chapter CHAPTER = QuestLoader.load().chapter("batch-vs-stream").orElseThrow();

    @TempDir
    Path dir;

    private LabSettings settings(int web, int kafka) {
        return new LabSettings("127.0.0.1", web, kafka, dir.resolve("data"), false, Optional.empty(), Optional.empty(),
                false, Duration.ofSeconds(10));
    }

    private static int right(Question q) {
        for (int i = 0; i < q.options().size(); i++) {
            if (q.options().get(i).correct()) {
                return i;
            }
        }
        throw new AssertionError(q.id() + " has no right option");
    }

    private static void answer(ChromeDriver browser, Question question, int option) {
        WebElement form = browser.findElement(By.id("question-" + question.id()));
        form.findElement(By.id("q-" + question.id() + "-" + option)).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        AnswerOption picked = question.options().get(option);
        await().atMost(Duration.ofSeconds(10)).until(() -> form.findElement(By.className("feedback")).getText()
                .equals((picked.correct() ? "Right. " : "Not quite. ") + picked.explanation()));
    }

    @Test
    void answersExplainThemselvesEarnQuickWinsAndShowOnTheHomePageAcrossARestart() throws Exception {
        int web = FreePorts.next();
        int kafka = FreePorts.next();
        List<Question> decisions = CHAPTER.questions(Question.Kind.DECISION);
        Question firstKnowledge = CHAPTER.questions(Question.Kind.KNOWLEDGE).get(0);
        ChromeDriver browser = Browser.open();
        try {
            try (RunningLab lab = App.start(settings(web, kafka), Clock.systemUTC())) {
                browser.get(lab.webUrl() + CHAPTER.path());
                // The page opens on its lab; the questions are behind the Check tab.
                browser.findElement(By.id("tab-check")).click();

                answer(browser, firstKnowledge, right(firstKnowledge) == 0 ? 1 : 0);
                answer(browser, firstKnowledge, right(firstKnowledge));
                for (Question decision : decisions) {
                    answer(browser, decision, right(decision));
                }

                await().atMost(Duration.ofSeconds(5)).until(() -> "true".equals(
                        browser.findElement(By.id("quickwin-chose-a-model")).getDomAttribute("data-earned")));
                Files.write(Path.of("target", "chapter-1-questions.png"), browser.getScreenshotAs(OutputType.BYTES));
            }
            try (RunningLab again = App.start(settings(web, kafka), Clock.systemUTC())) {
                browser.get(again.webUrl() + "/");

                String tally = browser.findElement(By.cssSelector("#chapter-batch-vs-stream .tally")).getText();
                assertTrue(tally.contains("knowledge check 1 of " + CHAPTER.questions(Question.Kind.KNOWLEDGE).size()),
                        tally);
                assertTrue(browser.findElement(By.cssSelector("#chapter-batch-vs-stream .summary")).getText()
                        .contains("Decisions: " + decisions.size() + " of " + decisions.size() + " right."));
                assertTrue(browser.findElement(By.id("checklist-primary-objectives")).getText()
                        .contains("Chapter 1 decision exercise: " + decisions.size() + " of " + decisions.size() + " right"));
                Files.write(Path.of("target", "home-progress.png"), browser.getScreenshotAs(OutputType.BYTES));

                browser.findElement(By.id("mark-next-quest")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(
                        browser.findElement(By.id("checklist-next-quest")).getDomAttribute("data-earned")));

                browser.findElement(By.id("learner-input")).sendKeys("Grace");
                browser.findElement(By.cssSelector("#learner-form button")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("learner-name")).getText()
                        .equals("Grace"));
                assertTrue(browser.findElement(By.cssSelector("#chapter-batch-vs-stream .tally")).getText()
                        .contains("knowledge check 0 of"), "Grace starts afresh");

                browser.findElement(By.id("learner-input")).sendKeys("Learner");
                browser.findElement(By.cssSelector("#learner-form button")).click();
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("learner-name")).getText()
                        .equals("Learner"));
                browser.findElement(By.id("reset-progress")).click();
                browser.switchTo().alert().accept();
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(
                        By.cssSelector("#chapter-batch-vs-stream .tally")).getText().contains("knowledge check 0 of"));
                assertEquals("false", browser.findElement(By.id("checklist-next-quest")).getDomAttribute("data-earned"));
            }
        } finally {
            browser.quit();
        }
    }
}
