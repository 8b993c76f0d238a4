package dev.streamlab.lab;

import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The four chapters as a learner meets them: every knowledge check of the quest asked as a question whose every
 * option teaches something, the first chapter's decision exercise and quick wins, readings that render safely, and
 * Python snippets that really run against a broker.
 */
class ChapterContentTest {
    /** The lab's default broker address, as the readings print it. */
    private static final String LAB_BOOTSTRAP = dev.streamlab.lab.CodeSample.BOOTSTRAP;
    private static final List<String> CHAPTERS = List.of("batch-vs-stream", "kafka", "time", "guarantees");
    private static final List<org.commonmark.Extension> TABLES = List.of(TablesExtension.create());

    /** The quest's own knowledge checks, by chapter, and the question that asks each one. */
    private static final Map<String, List<String>> QUEST_CHECKS = Map.of(
            "batch-vs-stream", List.of("unbounded", "streaming-unjustified", "never-all-data"),
            "kafka", List.of("ordering-scope", "replay-vs-queue", "partition-choice"),
            "time", List.of("why-event-time", "session-vs-tumbling", "watermark-question"),
            "guarantees", List.of("at-least-once-risk", "two-mechanisms", "idempotent-consumer"));

    @TempDir
    Path dir;

    private final Quest quest = QuestLoader.load(Path.of("labs"));

    @Test
    void everyChapterAsksEachOfTheQuestsKnowledgeChecksAndAtLeastThreeKnowledgeQuestions() {
        assertEquals(CHAPTERS, quest.chapters().stream().map(Chapter::id).toList());
        for (Chapter chapter : quest.chapters()) {
            for (String id : QUEST_CHECKS.get(chapter.id())) {
                assertEquals(Question.Kind.KNOWLEDGE, chapter.question(id).map(Question::kind).orElse(null),
                        chapter.id() + " asks the quest's check " + id + " as a knowledge question");
            }
            assertTrue(chapter.questions(Question.Kind.KNOWLEDGE).size() >= 3, chapter.id());
        }
    }

    @Test
    void everyKnowledgeQuestionOffersThreeOrFourPlausibleAnswers() {
        for (Chapter chapter : quest.chapters()) {
            for (Question question : chapter.questions(Question.Kind.KNOWLEDGE)) {
                int options = question.options().size();
                assertTrue(options >= 3 && options <= 4, question.id() + " has " + options + " options");
            }
        }
    }

    @Test
    void theFirstChapterAsksSixOrMoreBatchOrStreamDecisionsAndEarnsItsTwoQuickWinsFromThem() {
        Chapter first = quest.chapter("batch-vs-stream").orElseThrow();
        List<Question> decisions = first.questions(Question.Kind.DECISION);
        Map<String, QuickWin> wins = first.quickWins().stream().collect(Collectors.toMap(QuickWin::id, w -> w));

        assertTrue(decisions.size() >= 6 && decisions.size() <= 8, decisions.size() + " decisions");
        for (Question decision : decisions) {
            List<String> answers = decision.options().stream().map(AnswerOption::text).toList();
            assertTrue(answers.containsAll(List.of("Batch", "Stream")), decision.id() + " offers " + answers);
        }
        assertEquals(Set.of("chose-a-model", "defined-the-terms"), wins.keySet());
        assertEquals(decisions.stream().map(Question::id).toList(), wins.get("chose-a-model").questions());
        assertTrue(wins.get("defined-the-terms").questions().containsAll(List.of("unbounded", "never-all-data")),
                wins.get("defined-the-terms").questions().toString());
        for (String id : wins.get("defined-the-terms").questions()) {
            assertEquals(Question.Kind.KNOWLEDGE, first.question(id).orElseThrow().kind(), id);
        }
    }

    @Test
    void theDecisionExerciseDoesNotAlwaysAnswerTheSameWay() {
        Set<String> rightAnswers = quest.chapter("batch-vs-stream").orElseThrow().questions(Question.Kind.DECISION)
                .stream().map(ChapterContentTest::rightAnswer).collect(Collectors.toSet());

        assertTrue(rightAnswers.containsAll(Set.of("Batch", "Stream")), "right answers: " + rightAnswers);
    }

    @Test
    void everyChapterHasAQuickWinAndThreeOrFourObjectives() {
        for (Chapter chapter : quest.chapters()) {
            assertFalse(chapter.quickWins().isEmpty(), chapter.id() + " has no quick win");
            assertTrue(chapter.objectives().size() >= 3 && chapter.objectives().size() <= 4,
                    chapter.id() + " objectives: " + chapter.objectives());
            assertTrue(chapter.objectives().stream().noneMatch(o -> o.contains("to be written")), chapter.id());
        }
    }

    @Test
    void everyOptionExplainsWhyItIsRightOrWrongInAtLeastFortyCharacters() {
        for (Chapter chapter : quest.chapters()) {
            for (Question question : chapter.questions()) {
                for (AnswerOption option : question.options()) {
                    assertTrue(option.explanation().strip().length() >= 40,
                            question.id() + " / " + option.text() + ": " + option.explanation());
                }
            }
        }
    }

    @Test
    void noQuestionOffersTheSameAnswerTwice() {
        for (Chapter chapter : quest.chapters()) {
            for (Question question : chapter.questions()) {
                List<String> texts = question.options().stream().map(o -> o.text().strip().toLowerCase()).toList();
                assertEquals(texts.size(), new HashSet<>(texts).size(), question.id() + " repeats an option: " + texts);
            }
        }
    }

    @Test
    void theRightAnswerIsNotAlwaysInTheSamePlace() {
        Set<Integer> places = new HashSet<>();
        for (Chapter chapter : quest.chapters()) {
            for (Question question : chapter.questions(Question.Kind.KNOWLEDGE)) {
                places.add(question.options().indexOf(question.options().stream()
                        .filter(AnswerOption::correct).findFirst().orElseThrow()));
            }
        }

        assertTrue(places.size() >= 3, "the right answer sits only at positions " + places);
    }

    @Test
    void everyReadingHasHeadingsAndRendersToHtmlWithoutScripts() {
        Parser parser = Parser.builder().extensions(TABLES).build();
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(TABLES).build();
        for (Chapter chapter : quest.chapters()) {
            Node document = parser.parse(chapter.markdown());
            List<Heading> headings = new ArrayList<>();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Heading heading) {
                    headings.add(heading);
                }
            });
            String html = renderer.render(document);

            assertFalse(headings.isEmpty(), chapter.id() + " has no heading");
            assertTrue(html.contains("<h2>"), chapter.id());
            assertFalse(html.toLowerCase().contains("<script"), chapter.id() + " renders a script tag");
            assertFalse(chapter.markdown().contains("to be written"), chapter.id() + " is still a placeholder");
        }
    }

    @Test
    void everyChapterComparesItsIdeasInATable() {
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(TABLES).build();
        Parser parser = Parser.builder().extensions(TABLES).build();
        for (String id : CHAPTERS) {
            String html = renderer.render(parser.parse(quest.chapter(id).orElseThrow().markdown()));

            assertTrue(html.contains("<table>"), id + " renders no table");
        }
    }

    @Test
    void theTimeChapterStatesTheLabsWatermarkRuleAndFlinksEquivalent() {
        String reading = quest.chapter("time").orElseThrow().markdown();

        assertTrue(reading.contains("watermark = the largest event time seen so far − the bound"), reading);
        assertTrue(reading.contains("a window fires when the watermark reaches its end"), reading);
        assertTrue(reading.contains("max event time − bound − 1 ms") && reading.contains("≥ end − 1 ms"), reading);
    }

    @Test
    void theKafkaChaptersScriptsCreateAPartitionedTopicAndKeepEachCustomerInOnePartition() {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (apt-get install python3-kafka)");
        Snippets snippets = snippets("kafka", "orders", "billing");
        assertEquals(3, snippets.count(), "make_topic.py, produce.py and consume.py");

        String created = snippets.run(0);
        String produced = snippets.run(1);
        String consumed = snippets.run(2);
        String again = snippets.run(2);

        assertTrue(created.contains("with 3 partitions"), created);
        assertEquals(3, partitionCount(snippets.name("orders")));
        Set<String> lanes = new HashSet<>();
        for (String customer : List.of("customer-0", "customer-1", "customer-2")) {
            Set<String> partitions = partitionsOf(produced, customer + " -> partition (\\d+)");
            assertEquals(1, partitions.size(), "one customer, one partition: " + produced);
            lanes.addAll(partitions);
        }
        assertEquals(3, lanes.size(), "the three customers' keys fill all three partitions: " + produced);
        assertEquals(6, consumed.lines().filter(l -> l.startsWith("partition=")).count(), consumed);
        assertEquals(0, again.lines().filter(l -> l.startsWith("partition=")).count(),
                "a second run of the same group starts at its committed offsets: " + again);
    }

    @Test
    void theTimeChaptersScriptWritesThe1159OrderAfterALaterOne() {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (apt-get install python3-kafka)");
        Snippets snippets = snippets("time", "phone-orders");

        assertTrue(snippets.run(0).contains("sent 3 orders"));
        List<ConsumerRecord<String, String>> records = Kafka.readAll(TestBroker.bootstrapServers(),
                snippets.name("phone-orders"), "read_uncommitted");
        List<Long> eventTimes = records.stream().map(r -> Long.parseLong(
                r.value().replaceAll(".*\"event_time\": (\\d+).*", "$1"))).toList();

        assertEquals(List.of(1795605600L, 1795608120L, 1795607940L), eventTimes, "11:20, 12:02, then 11:59");
        assertEquals("cust-1", records.get(2).key());
    }

    @Test
    void theGuaranteesChaptersScriptsCopyExactlyOnceAndUpsertAwayADuplicateOrder() {
        assumeTrue(Tools.pythonHas("confluent_kafka"),
                "Debian's python3-confluent-kafka is not installed (apt-get install python3-confluent-kafka)");
        Snippets snippets = snippets("guarantees", "orders", "orders-paid", "paid-copier", "paid-copier-1", "paid-loader");
        assertEquals(2, snippets.count(), "paid_copier.py and paid_totals.py");
        String orders = snippets.name("orders");
        Kafka.createTopic(TestBroker.bootstrapServers(), orders, 2);
        // order 2 twice: an at-least-once producer upstream retried it
        Kafka.produce(TestBroker.bootstrapServers(), orders, List.of(
                order(orders, "cust-0", 0, 10), order(orders, "cust-1", 1, 20), order(orders, "cust-0", 2, 5),
                order(orders, "cust-0", 2, 5)));

        String copied = snippets.run(0);
        String totals = snippets.run(1);

        assertTrue(copied.contains("copied 4 orders"), copied);
        assertEquals(4, Kafka.readAll(TestBroker.bootstrapServers(), snippets.name("orders-paid"), "read_committed").size());
        assertTrue(totals.contains("read 4 records"), totals);
        assertTrue(totals.contains("cust-0: 2 orders, total 15.0"), "the duplicate of order 2 counted once: " + totals);
        assertTrue(totals.contains("cust-1: 1 orders, total 20.0"), totals);
    }

    private static ProducerRecord<String, String> order(String topic, String customer, int id, int amount) {
        return new ProducerRecord<>(topic, customer, "{\"order_id\": " + id + ", \"amount\": " + amount + "}");
    }

    private static int partitionCount(String topic) {
        try (Admin admin = Kafka.admin(TestBroker.bootstrapServers())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> partitionsOf(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        Set<String> partitions = new HashSet<>();
        while (m.find()) {
            partitions.add(m.group(1));
        }
        assertFalse(partitions.isEmpty(), "no match for " + regex + " in " + output);
        return partitions;
    }

    private static String rightAnswer(Question question) {
        return question.options().stream().filter(AnswerOption::correct).findFirst().orElseThrow().text();
    }

    /**
     * The Python blocks of one chapter's reading, pointed at the test broker, with the topic, group and transaction
     * names they use (quoted in the code) made unique to this test.
     */
    private Snippets snippets(String chapterId, String... names) {
        Node document = Parser.builder().extensions(TABLES).build()
                .parse(quest.chapter(chapterId).orElseThrow().markdown());
        List<String> code = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                if ("python".equals(block.getInfo())) {
                    code.add(block.getLiteral());
                }
            }
        });
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String name : names) {
            renamed.put(name, Names.unique(name));
        }
        List<String> pointed = code.stream().map(c -> {
            assertTrue(c.contains("\"" + LAB_BOOTSTRAP + "\""), "the snippet talks to the lab's broker:\n" + c);
            String s = c.replace(LAB_BOOTSTRAP, TestBroker.bootstrapServers());
            for (Map.Entry<String, String> e : renamed.entrySet()) {
                s = s.replace("\"" + e.getKey() + "\"", "\"" + e.getValue() + "\"");
            }
            return s;
        }).toList();
        return new Snippets(dir, pointed, renamed);
    }

    /** A chapter's Python blocks, runnable one by one in a folder of the test's own. */
    private record Snippets(Path dir, List<String> code, Map<String, String> names) {
        int count() {
            return code.size();
        }

        String name(String original) {
            return names.get(original);
        }

        /** Runs block {@code index} with Debian's python3 and returns what it printed; it must exit with 0. */
        String run(int index) {
            try {
                Path script = Files.writeString(dir.resolve("snippet" + index + ".py"), code.get(index));
                Tools.Result result = Tools.run(dir, null, Tools.PYTHON, "-u", script.toString());
                assertEquals(0, result.exitCode(), code.get(index) + "\n---\n" + result.output());
                return result.output();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
