package dev.streamlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.lab.LearnerNames;
import dev.streamlab.lab.progress.LearnerName;
import dev.streamlab.testing.Cli;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Learners in a class: each named learner's challenge page, Check my work and validate use names of their own, so
 * two learners doing the same challenge never check each other's records; the default learner's names stay the lab's.
 */
class LearnerNamesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestLab lab;

    @BeforeAll
    static void start() {
        lab = TestLab.start(TestBroker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    /** A learner name unique to this run that is its own prefix (letters and digits only). */
    private static String plainName(String name) {
        return Names.unique(name).replace("-", "");
    }

    private static String cookieOf(String name) {
        HttpResponse<String> r = Http.send("POST", lab.url("/api/learner"), "{\"name\": \"" + name + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String page(String... cookie) {
        HttpResponse<String> r = Http.get(lab.url("/challenges/novice"), cookie);
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("id=\"field-" + name + "\" name=\"" + name + "\" type=\"text\" value=\"([^\"]*)\"")
                .matcher(html);
        assertTrue(m.find(), "the page has a " + name + " field");
        return m.group(1);
    }

    private static JsonNode check(String body, String... cookie) throws Exception {
        HttpResponse<String> r = Http.send("POST", lab.url("/api/challenges/novice/check"), body, cookie);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode line(JsonNode report, String requirement) {
        for (JsonNode line : report.get("results")) {
            if (line.get("requirement").asText().equals(requirement)) {
                return line;
            }
        }
        throw new AssertionError("no line " + requirement + " in " + report);
    }

    @Test
    void twoNamedLearnersSeeTheirOwnNamesInTheNoviceChallengesTextCodeCommandsAndForm() {
        String alice = plainName("alice");
        String bob = plainName("bob");

        String alicesPage = page("Cookie", cookieOf(alice));
        String bobsPage = page("Cookie", cookieOf(bob));

        assertEquals(alice + "-orders", field(alicesPage, "topic"));
        assertEquals(alice + "-billing", field(alicesPage, "group"));
        assertEquals(bob + "-orders", field(bobsPage, "topic"));
        assertTrue(alicesPage.contains("Create the topic <code>" + alice + "-orders</code>"), "the step's text");
        assertTrue(alicesPage.contains("-t " + alice + "-orders -P"), "the kcat command");
        assertTrue(alicesPage.contains("else &quot;" + alice + "-billing&quot;"), "the starter code");
        assertTrue(alicesPage.contains("validate novice --lab " + lab.url("") + " --learner " + alice + " --topic "
                + alice + "-orders --group " + alice + "-billing"), "the validate command");
        assertFalse(alicesPage.contains(bob), "nothing of bob's on alice's page");
        assertFalse(alicesPage.contains("{{"), "every name is filled in");
    }

    @Test
    void theDefaultLearnersPageKeepsTheChallengesOwnNames() {
        String page = page();

        assertEquals("orders", field(page, "topic"));
        assertEquals("billing", field(page, "group"));
        assertTrue(page.contains("Create the topic <code>orders</code> with"), "the step's text");
        assertTrue(page.contains("-t orders -P -K:"), "the kcat producer");
        assertTrue(page.contains("-G billing -X auto.offset.reset=earliest"), "the kcat consumer");
        assertTrue(page.contains("/api/groups/billing/reset"), "the reset command");
        assertTrue(page.contains("topic = sys.argv[1] if len(sys.argv) &gt; 1 else &quot;orders&quot;"), "the starter");
        assertTrue(page.contains("validate novice --lab " + lab.url("") + " --topic orders --group billing"), page);
        assertFalse(page.contains("--learner"), "the default learner needs no --learner");
        assertFalse(page.contains("{{"), "every name is filled in");
    }

    @Test
    void checkMyWorkForOneLearnerDoesNotPassOnAnotherLearnersRecords() throws Exception {
        String alice = plainName("alice");
        String bob = plainName("bob");
        String alicesCookie = cookieOf(alice);
        String bobsCookie = cookieOf(bob);
        LearnerNames bobs = LearnerNames.of(new LearnerName(bob));
        solveTheFirstThreeSteps(bobs.name("orders"), bobs.name("billing"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertTrue(line(check("", "Cookie", bobsCookie), "group-earliest").get("passed").asBoolean()));
        JsonNode bobsReport = check("", "Cookie", bobsCookie);
        JsonNode alicesReport = check("", "Cookie", alicesCookie);

        assertEquals(bob + "-orders", bobsReport.get("submission").get("topic").asText());
        for (String requirement : List.of("partitions", "keys", "group-earliest")) {
            assertTrue(line(bobsReport, requirement).get("passed").asBoolean(), bobsReport.toString());
        }
        assertEquals(alice + "-orders", alicesReport.get("submission").get("topic").asText());
        assertEquals(alice + "-billing", alicesReport.get("submission").get("group").asText());
        for (JsonNode line : alicesReport.get("results")) {
            assertFalse(line.get("passed").asBoolean(), line.toString());
        }
        assertTrue(line(alicesReport, "partitions").toString().contains(alice + "-orders"), alicesReport.toString());
        assertFalse(alicesReport.toString().contains(bob), "nothing of bob's in alice's report");
    }

    @Test
    void aNamedLearnerCannotCheckOrActOnAnotherLearnersNames() {
        String alice = plainName("alice");
        String cookie = cookieOf(alice);
        String bobsTopic = plainName("bob") + "-orders";

        HttpResponse<String> checked = Http.send("POST", lab.url("/api/challenges/novice/check"),
                "{\"topic\": \"" + bobsTopic + "\"}", "Cookie", cookie);
        HttpResponse<String> acted = Http.send("POST", lab.url("/api/challenges/intermediate/actions/inject-late"),
                "{\"topic\": \"" + bobsTopic + "\"}", "Cookie", cookie);

        assertEquals(400, checked.statusCode(), checked.body());
        assertTrue(checked.body().contains("your topics and groups start with " + alice + "-"), checked.body());
        assertEquals(400, acted.statusCode(), acted.body());
    }

    @Test
    void theInjectLateButtonWritesToTheLearnersOwnInputTopic() throws Exception {
        String carol = plainName("carol");
        String topic = carol + "-timed-orders";
        Kafka.createTopic(TestBroker.bootstrapServers(), topic, 1);
        Kafka.produce(TestBroker.bootstrapServers(), topic, List.of(new ProducerRecord<>(topic, "customer-0",
                "{\"order_id\": 1, \"event_time\": " + (System.currentTimeMillis() / 1000) + "}")));

        HttpResponse<String> acted = Http.send("POST", lab.url("/api/challenges/intermediate/actions/inject-late"), "",
                "Cookie", cookieOf(carol));

        assertEquals(200, acted.statusCode(), acted.body());
        assertEquals(2, Kafka.readAll(TestBroker.bootstrapServers(), topic, "read_uncommitted").size(), acted.body());
    }

    @Test
    void validateWithALearnerChecksThatLearnersNames() {
        String alice = plainName("alice");
        LearnerNames alices = LearnerNames.of(new LearnerName(alice));
        solveTheFirstThreeSteps(alices.name("orders"), alices.name("billing"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Cli.Run run = Cli.run("validate", "novice", "--learner", alice, "--lab", lab.url(""));
            assertTrue(run.out().startsWith("Checking the novice challenge (topic " + alice + "-orders, group "
                    + alice + "-billing)"), run.out());
            assertTrue(run.out().strip().endsWith("3 of 4 requirements pass."), run.out());
        });
        Cli.Run theDefaultLearner = Cli.run("validate", "novice", "--lab", lab.url(""));
        assertTrue(theDefaultLearner.out().startsWith("Checking the novice challenge (topic orders, group billing)"),
                theDefaultLearner.out());
    }

    @Test
    void aNamedLearnersKafkaChapterProgramsAndFormsUseTheirOwnTopicAndGroup() {
        String alice = plainName("alice");

        String alicesPage = Http.get(lab.url("/kafka"), "Cookie", cookieOf(alice)).body();
        String defaultPage = Http.get(lab.url("/kafka")).body();

        assertTrue(alicesPage.contains("NewTopic(&quot;" + alice + "-orders&quot;"), "make_topic.py");
        assertTrue(alicesPage.contains("group_id=&quot;" + alice + "-billing&quot;"), "consume.py");
        assertTrue(alicesPage.contains("id=\"consumer-group\" name=\"group\" value=\"" + alice + "-billing\""),
                "the demo consumer's group");
        assertTrue(defaultPage.contains("NewTopic(&quot;orders&quot;"), "the default learner's make_topic.py");
        assertTrue(defaultPage.contains("group_id=&quot;billing&quot;"), "the default learner's consume.py");
        assertFalse(alicesPage.contains("{{") || defaultPage.contains("{{"), "every name is filled in");
    }

    @Test
    void aNamedLearnersBatchAndStreamDemoRunsOnTheirOwnTopicAndCannotResetAnothers() {
        String alice = plainName("alice");
        String cookie = cookieOf(alice);
        String own = "bs-" + alice + "-orders";

        String page = Http.get(lab.url("/batch-vs-stream"), "Cookie", cookie).body();
        HttpResponse<String> resetOwn = Http.send("POST", lab.url("/api/batch-stream/reset"),
                "{\"topic\": \"" + own + "\"}", "Cookie", cookie);
        HttpResponse<String> resetTheDefault = Http.send("POST", lab.url("/api/batch-stream/reset"),
                "{\"topic\": \"bs-orders\"}", "Cookie", cookie);

        assertTrue(page.contains("data-topic=\"" + own + "\""), "the demo's topic");
        assertTrue(page.contains("-t " + own + " -K: -P"), "the kcat producer");
        assertTrue(Http.get(lab.url("/batch-vs-stream")).body().contains("data-topic=\"bs-orders\""),
                "the default learner's demo topic");
        assertEquals(200, resetOwn.statusCode(), resetOwn.body());
        assertEquals(403, resetTheDefault.statusCode(), resetTheDefault.body());
        assertTrue(resetTheDefault.body().contains("bs-" + alice + "-"), resetTheDefault.body());
    }

    /** Steps 1 to 3 as a learner does them: a topic of 3 partitions, keyed orders, a group that reads them all. */
    private static void solveTheFirstThreeSteps(String topic, String group) {
        String bootstrap = TestBroker.bootstrapServers();
        Kafka.createTopic(bootstrap, topic, 3);
        List<ProducerRecord<String, String>> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add(new ProducerRecord<>(topic, "customer-" + (i % 4), "{\"order_id\": " + i + "}"));
        }
        Kafka.produce(bootstrap, topic, orders);
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, group, Map.of())) {
            consumer.subscribe(List.of(topic));
            assertEquals(12, Kafka.pollUntil(consumer, 12, Duration.ofSeconds(30)).size());
            consumer.commitSync();
        }
        assertNotEquals(topic, group);
    }
}
