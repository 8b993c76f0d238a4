package dev.streamlab.e2e;

import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Question;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.testing.Browser;
import dev.streamlab.testing.LabInBrowser;
import dev.streamlab.testing.Names;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two learners, each in their own browser under their own name, work through the quest while the instructor watches
 * /instructor in a third: each learner's row appears and changes without a reload (the page they are on, their
 * checks right, the requirement they passed), the question both missed is named with the explanation they read,
 * the board sorts by a column, and the CSV download holds a line per learner.
 */
class InstructorBoardInBrowserTest extends LabInBrowser {
    private static final Chapter CHAPTER = QuestLoader.load().chapter("batch-vs-stream").orElseThrow();

    @Test
    void theInstructorSeesEachLearnerLiveTheQuestionTheyMissAndDownloadsTheClassAsCsv() {
        String ada = Names.unique("Ada");
        String bob = Names.unique("Bob");
        String topic = Names.unique("board-orders");
        Question question = CHAPTER.questions(Question.Kind.KNOWLEDGE).get(0);
        int wrong = right(question) == 0 ? 1 : 0;

        Browser.visit(browser, lab.url("/instructor"), "#board-head");
        ChromeDriver adaBrowser = Browser.open();
        ChromeDriver bobBrowser = Browser.open();
        try {
            becomeLearner(adaBrowser, ada);
            becomeLearner(bobBrowser, bob);

            Browser.visit(adaBrowser, lab.url(CHAPTER.path() + "#check"), "#question-" + question.id());
            answer(adaBrowser, question, wrong);
            Browser.visit(bobBrowser, lab.url(CHAPTER.path() + "#check"), "#question-" + question.id());
            answer(bobBrowser, question, wrong);

            // Ada's row says where she is and that she has none of chapter 1's checks right, without a reload.
            await().atMost(Duration.ofSeconds(10)).until(() -> Browser.text(browser, row(ada) + " .board-page")
                    .equals(CHAPTER.path()));
            assertTrue(Browser.text(browser, row(ada) + " [data-chapter=batch-vs-stream]").startsWith("0 of "));
            // Both stand on the same wrong answer: the board names the question and what they read.
            await().atMost(Duration.ofSeconds(10)).until(() -> Browser.text(browser, "#most-missed")
                    .contains(question.prompt()));
            String missed = Browser.text(browser, "#most-missed [data-question=" + question.id() + "]");
            assertTrue(missed.contains("2 of 2 who answered it stand on a wrong answer"), missed);
            assertTrue(missed.contains(question.options().get(wrong).explanation()), missed);

            // Bob makes a topic of three partitions and checks the novice challenge: one requirement passes.
            Object created = bobBrowser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/topics', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                    + " body: JSON.stringify({name: arguments[0], partitions: 3})}).then(r => done(r.status));", topic);
            assertEquals(201L, created);
            Browser.visit(bobBrowser, lab.url("/challenges/novice"), "#check-form");
            WebElement field = bobBrowser.findElement(By.id("field-topic"));
            field.clear();
            field.sendKeys(topic);
            bobBrowser.findElement(By.id("check-button")).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> Browser.text(bobBrowser, "#check-summary").contains("requirements pass"));

            await().atMost(Duration.ofSeconds(10)).until(() -> Browser.text(browser,
                    row(bob) + " [data-challenge=novice] .board-count").equals("1 of 4 passed"));
            assertTrue(Browser.text(browser, row(bob) + " [data-challenge=novice] [data-requirement=partitions]")
                    .contains("partitions: passed "));
            assertEquals("/challenges/novice", Browser.text(browser, row(bob) + " .board-page"));
            assertEquals("0 of 4 passed", Browser.text(browser, row(ada) + " [data-challenge=novice] .board-count"));
            // Ada passed nothing at all, so some requirement of hers blocks her; the board names it with its hint.
            assertTrue(Browser.text(browser, "#blocking").contains("learners have not passed it"));

            // Sorting by the novice challenge, most passed first, puts Bob above Ada.
            browser.findElement(By.cssSelector("button.sort[data-column=challenge-novice]")).click();
            await().atMost(Duration.ofSeconds(5)).until(() -> "descending".equals(browser.findElement(
                    By.cssSelector("th:has(button[data-column=challenge-novice])")).getDomAttribute("aria-sort")));
            List<String> order = learnersInOrder();
            assertTrue(order.indexOf(bob) < order.indexOf(ada), order.toString());

            // The CSV the link downloads: a header line, then a line per learner with what the board shows.
            String href = browser.findElement(By.id("board-csv")).getDomProperty("href");
            String csv = (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text()).then(done);", href);
            List<String> lines = csv.lines().toList();
            assertTrue(lines.get(0).startsWith("learner,page,last activity,"), lines.get(0));
            assertTrue(lines.get(0).contains("novice/partitions passed at"), lines.get(0));
            String bobLine = lines.stream().filter(l -> l.startsWith(bob + ",")).findFirst().orElseThrow(
                    () -> new AssertionError("no line for " + bob + " in " + csv));
            assertTrue(bobLine.startsWith(bob + ",/challenges/novice,"), bobLine);
            assertTrue(bobLine.matches(".*,\\d{4}-\\d\\d-\\d\\dT[^,]*Z,.*"), "Bob's pass has its time: " + bobLine);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(ada + "," + CHAPTER.path() + ",")), csv);
        } finally {
            adaBrowser.quit();
            bobBrowser.quit();
        }
    }

    private static String row(String learner) {
        return "#board-rows tr[data-learner='" + learner + "']";
    }

    @SuppressWarnings("unchecked")
    private List<String> learnersInOrder() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#board-rows tr')].map(tr => tr.dataset.learner);");
    }

    /** As the home page's name form does: the lab remembers the name in its cookie. */
    private static void becomeLearner(ChromeDriver learner, String name) {
        Browser.visit(learner, lab.url("/"), "#learner-form");
        learner.findElement(By.id("learner-input")).sendKeys(name);
        learner.findElement(By.cssSelector("#learner-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> Browser.text(learner, "#learner-name").equals(name));
    }

    private static void answer(ChromeDriver learner, Question question, int option) {
        WebElement form = learner.findElement(By.id("question-" + question.id()));
        form.findElement(By.id("q-" + question.id() + "-" + option)).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Browser.text(learner,
                "#question-" + question.id() + " .feedback").isBlank());
    }

    private static int right(Question q) {
        for (int i = 0; i < q.options().size(); i++) {
            if (q.options().get(i).correct()) {
                return i;
            }
        }
        throw new AssertionError(q.id() + " has no right option");
    }
}
