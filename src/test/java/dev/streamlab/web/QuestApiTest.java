package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Question;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.testing.Cli;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quest over HTTP and from the command line: answers, Check my work, learners and their progress. */
class QuestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Chapter KAFKA = QuestLoader.load().chapter("kafka").orElseThrow();
    private static final Question FIRST = KAFKA.questions(Question.Kind.KNOWLEDGE).get(0);
    private static final int RIGHT = IntStream.range(0, FIRST.options().size())
            .filter(i -> FIRST.options().get(i).correct()).findFirst().orElseThrow();
    private static final int WRONG = RIGHT == 0 ? 1 : 0;

    private static TestLab lab;

    @BeforeAll
    static void start() {
        lab = TestLab.start(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static String answerPath(Question question) {
        return "/api/chapters/kafka/questions/" + question.id() + "/answer";
    }

    private static String cookieOf(String name) throws Exception {
        HttpResponse<String> r = Http.send("POST", lab.url("/api/learner"), "{\"name\": \"" + name + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    void aWrongAnswerIsExplainedAndARightOneToo() throws Exception {
        String cookie = cookieOf(Names.unique("wrong-then-right"));

        JsonNode wrong = JSON.readTree(Http.send("POST", lab.url(answerPath(FIRST)), "{\"option\": " + WRONG + "}",
                "Cookie", cookie).body());
        JsonNode right = JSON.readTree(Http.send("POST", lab.url(answerPath(FIRST)), "{\"option\": " + RIGHT + "}",
                "Cookie", cookie).body());

        assertFalse(wrong.get("correct").asBoolean());
        assertEquals(FIRST.options().get(WRONG).explanation(), wrong.get("explanation").asText());
        assertTrue(right.get("correct").asBoolean());
        assertEquals(FIRST.options().get(RIGHT).explanation(), right.get("explanation").asText());
    }

    @Test
    void anAnswerIsRememberedOnTheChapterPageForThatLearnerOnly() throws Exception {
        String ada = cookieOf(Names.unique("ada"));
        String bob = cookieOf(Names.unique("bob"));
        Http.send("POST", lab.url(answerPath(FIRST)), "{\"option\": " + RIGHT + "}", "Cookie", ada);

        String adasPage = Http.get(lab.url("/kafka"), "Cookie", ada).body();
        String bobsPage = Http.get(lab.url("/kafka"), "Cookie", bob).body();

        assertTrue(adasPage.contains("id=\"question-" + FIRST.id() + "\" class=\"question\" data-question=\""
                + FIRST.id() + "\" data-answered=\"right\""), "Ada's page shows her answer");
        assertTrue(bobsPage.contains("data-question=\"" + FIRST.id() + "\" data-answered=\"no\""), "Bob has not answered");
    }

    @Test
    void progressShowsTheAnswerAndAResetForgetsIt() throws Exception {
        String cookie = cookieOf(Names.unique("resetter"));
        Http.send("POST", lab.url(answerPath(FIRST)), "{\"option\": " + RIGHT + "}", "Cookie", cookie);

        JsonNode before = JSON.readTree(Http.get(lab.url("/api/progress"), "Cookie", cookie).body());
        JsonNode after = JSON.readTree(Http.send("POST", lab.url("/api/progress/reset"), null, "Cookie", cookie).body());

        assertEquals(1, chapter(before, "kafka").get("knowledgeRight").asInt());
        assertEquals(0, chapter(after, "kafka").get("knowledgeRight").asInt());
    }

    @Test
    void progressThatCouldNotBeReadIsNamedInTheApiUntilTheLearnerDismissesIt() throws Exception {
        String name = Names.unique("broken");
        String cookie = cookieOf(name);
        Http.send("POST", lab.url(answerPath(FIRST)), "{\"option\": " + RIGHT + "}", "Cookie", cookie);
        Path file = lab.progressFileOf(name);
        Files.writeString(file, "{\"learner\": \"" + name + "\", \"answers\": [truncated");

        JsonNode standing = JSON.readTree(Http.get(lab.url("/api/progress"), "Cookie", cookie).body());

        Path kept = file.resolveSibling(file.getFileName() + ".broken");
        assertTrue(Files.exists(kept));
        assertEquals(kept.toString(), standing.get("notice").get("keptAs").asText());
        assertEquals("Your saved progress could not be read; it was kept as " + kept + " and you start afresh.",
                standing.get("notice").get("text").asText());
        assertEquals(0, chapter(standing, "kafka").get("knowledgeRight").asInt(), "afresh");
        assertTrue(Http.get(lab.url("/"), "Cookie", cookie).body().contains("it was kept as " + kept), "the home page says it");

        HttpResponse<String> dismissed = Http.send("POST", lab.url("/api/progress/notice/dismiss"), null, "Cookie", cookie);

        assertEquals(200, dismissed.statusCode(), dismissed.body());
        assertTrue(JSON.readTree(dismissed.body()).get("notice").isNull());
        assertTrue(JSON.readTree(Http.get(lab.url("/api/progress"), "Cookie", cookie).body()).get("notice").isNull());
        assertFalse(Http.get(lab.url("/"), "Cookie", cookie).body().contains("progress-notice"), "said once");
    }

    @Test
    void progressThatWasReadFineCarriesNoNotice() throws Exception {
        String cookie = cookieOf(Names.unique("fine"));
        Http.send("POST", lab.url(answerPath(FIRST)), "{\"option\": " + RIGHT + "}", "Cookie", cookie);

        assertTrue(JSON.readTree(Http.get(lab.url("/api/progress"), "Cookie", cookie).body()).get("notice").isNull());
    }

    private static JsonNode chapter(JsonNode standing, String id) {
        for (JsonNode c : standing.get("chapters")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chapter " + id + " in " + standing);
    }

    @Test
    void aSelfTickedChecklistItemIsEarnedOnTheHomePage() throws Exception {
        String cookie = cookieOf(Names.unique("ticker"));

        HttpResponse<String> r = Http.send("POST", lab.url("/api/progress/marks/next-quest"), "{\"done\": true}",
                "Cookie", cookie);

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Http.get(lab.url("/"), "Cookie", cookie).body()
                .contains("id=\"checklist-next-quest\" class=\"earned\" data-earned=\"true\""));
    }

    @Test
    void eachChapterEndsWithTheNextPageAndTheLastOneWithTheFirstChallenge() {
        assertTrue(Http.get(lab.url("/batch-vs-stream")).body()
                .contains("<p class=\"next-page\"><a href=\"/kafka\">Next: Chapter 2, "));
        assertTrue(Http.get(lab.url("/guarantees")).body()
                .contains("<p class=\"next-page\"><a href=\"/challenges/novice\">Next: Novice challenge, "));
    }

    @Test
    void aChallengePageGivesTheValidateCommandForThisLabsOwnAddress() {
        String page = Http.get(lab.url("/challenges/novice")).body();

        assertTrue(page.contains("validate novice --lab " + lab.url("") + " --topic orders --group billing"), page);
    }

    @Test
    void badAnswersAndUnknownQuestionsSayWhatIsWrong() {
        HttpResponse<String> noOption = Http.send("POST", lab.url(answerPath(FIRST)), "{}");
        HttpResponse<String> outOfRange = Http.send("POST", lab.url(answerPath(FIRST)), "{\"option\": 99}");
        HttpResponse<String> unknown = Http.send("POST", lab.url("/api/chapters/kafka/questions/nope/answer"), "{\"option\": 0}");
        HttpResponse<String> notJson = Http.send("POST", lab.url(answerPath(FIRST)), "option=1");

        assertEquals(400, noOption.statusCode());
        assertTrue(noOption.body().contains("say which option you picked"), noOption.body());
        assertEquals(400, outOfRange.statusCode());
        assertTrue(outOfRange.body().contains("has options 0 to"), outOfRange.body());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("chapter kafka has no question nope"), unknown.body());
        assertEquals(400, notJson.statusCode());
    }

    @Test
    void aNameThatIsNotANameIsRefusedWithTheRule() {
        HttpResponse<String> r = Http.send("POST", lab.url("/api/learner"), "{\"name\": \"<script>\"}");

        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("letters, digits, spaces"), r.body());
    }

    @Test
    void checkingAMissingTopicFailsEveryLineWithAHint() throws Exception {
        String topic = Names.unique("absent");

        JsonNode report = JSON.readTree(Http.send("POST", lab.url("/api/challenges/novice/check"),
                "{\"topic\": \"" + topic + "\", \"group\": \"" + Names.unique("g") + "\"}").body());

        assertFalse(report.get("passed").asBoolean());
        assertEquals(topic, report.get("submission").get("topic").asText());
        assertEquals(4, report.get("results").size());
        for (JsonNode line : report.get("results")) {
            assertFalse(line.get("passed").asBoolean(), line.toString());
            assertFalse(line.get("hint").asText().isBlank(), line.toString());
        }
    }

    @Test
    void anUnknownChallengeOrActionIs404WithWhatExists() {
        HttpResponse<String> challenge = Http.send("POST", lab.url("/api/challenges/wizard/check"), "{}");
        HttpResponse<String> action = Http.send("POST", lab.url("/api/challenges/novice/actions/explode"), "{}");

        assertEquals(404, challenge.statusCode());
        assertTrue(challenge.body().contains("challenges are [novice, intermediate, advanced]"), challenge.body());
        assertEquals(404, action.statusCode());
    }

    @Test
    void theValidateCommandPrintsTheSameLinesAndExitsOneWhenSomethingFails() {
        String topic = Names.unique("absent");

        Cli.Run run = Cli.run("validate", "novice", "--topic", topic, "--group", Names.unique("g"),
                "--lab", lab.url(""));

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Checking the novice challenge (topic " + topic), run.out());
        assertEquals(4, run.out().lines().filter(l -> l.startsWith("FAIL  ")).count(), run.out());
        assertTrue(run.out().contains("hint: "), run.out());
        assertTrue(run.out().strip().endsWith("0 of 4 requirements pass."), run.out());
    }

    @Test
    void theValidateCommandSaysHowToStartTheLabWhenNoneAnswers() {
        Cli.Run run = Cli.run("validate", "novice", "--lab", "http://127.0.0.1:" + FreePorts.next());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("No lab answers at"), run.err());
        Cli.assertOneLine(run.err());
    }

    @Test
    void theValidateCommandRefusesAnAddressThatIsNotOne() {
        Cli.Run run = Cli.run("validate", "novice", "--lab", "not a url");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--lab is the lab's address"), run.err());
    }
}
