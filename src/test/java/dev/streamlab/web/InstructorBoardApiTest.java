package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instructor's board without a browser: its CSV, and its live subject, which only the board's page can name. */
class InstructorBoardApiTest {
    private static TestLab lab;

    @BeforeAll
    static void start() {
        lab = TestLab.start(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void theCsvHasAHeaderLineAndALinePerLearnerWithTheLastPageTheLabSaw() {
        String learner = Names.unique("Grace");
        // What the browser of a learner with that name sends; the lab on loopback takes the name as it is.
        assertEquals(200, Http.get(lab.url("/kafka"), "Cookie", "streamlab-learner=" + learner).statusCode());

        HttpResponse<String> csv = Http.get(lab.url("/instructor.csv"));

        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        assertTrue(csv.body().startsWith("learner,page,last activity,"), csv.body());
        assertTrue(csv.body().contains("\r\n" + learner + ",/kafka,"), csv.body());
    }

    @Test
    void theLiveBoardAnswersOnlyTheKeyTheInstructorsPageCarries() {
        String page = Http.get(lab.url("/instructor")).body();
        Matcher key = Pattern.compile("data-board=\"([0-9a-f]+)\"").matcher(page);
        assertTrue(key.find(), "the page carries its board's key");

        try (WsClient guess = WsClient.connect(lab.wsUrl()); WsClient instructor = WsClient.connect(lab.wsUrl())) {
            guess.send("{\"op\":\"subscribe\",\"ref\":\"r1\",\"subject\":\"board\"}");
            guess.send("{\"op\":\"subscribe\",\"ref\":\"r2\",\"subject\":\"board\",\"session\":\"0123\"}");
            instructor.send("{\"op\":\"subscribe\",\"ref\":\"r1\",\"subject\":\"board\",\"session\":\"" + key.group(1) + "\"}");

            await().atMost(Duration.ofSeconds(10)).until(() -> guess.parts().stream()
                    .filter(p -> "error".equals(p.path("type").asText())).count() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> instructor.state("board/" + key.group(1))
                    .containsKey("summary"));
            for (JsonNode part : guess.parts()) {
                assertTrue(!"snapshot".equals(part.path("type").asText()), "no board for a guess: " + part);
            }
        }
    }
}
