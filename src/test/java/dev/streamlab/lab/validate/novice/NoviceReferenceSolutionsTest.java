package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.validate.Report;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.Tools;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The novice challenge's reference solutions, run as a learner runs them (Python with Debian's python3-kafka, Java
 * as single-file programs, kcat), pass every line of "Check my work".
 */
class NoviceReferenceSolutionsTest {
    private static final Pattern PRINTED = Pattern.compile("partition=(\\d+) offset=(\\d+) key=(\\S+) value=");
    private static final Path SOLUTION = Path.of("labs", "novice", "solution");
    private static NoviceLab lab;

    @BeforeAll
    static void startLab() {
        lab = new NoviceLab();
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void thePythonSolutionCreatesProducesConsumesAndReplaysAndPassesEveryLine() {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (apt-get install python3-kafka)");
        String topic = Names.unique("orders");
        String group = Names.unique("billing");

        assertTrue(python("create_topic.py", topic, "3").contains("created " + topic + " with 3 partitions"));
        assertTrue(python("producer.py", topic, "12").contains("produced 12 orders"));
        List<Printed> firstRead = printed(python("consumer.py", topic, group, "3"));
        assertReadsEveryPartitionFromOffsetZero(firstRead, 12);

        lab.awaitOffsetsSeen(group);
        python("replay.py", topic, group);
        lab.awaitRewindSeen(topic, group);
        List<Printed> replayed = printed(python("consumer.py", topic, group, "3"));

        assertEquals(Set.copyOf(firstRead), Set.copyOf(replayed), "the replay reads the same records again");
        Report report = lab.check(topic, group);
        assertTrue(report.passed(), NoviceLab.describe(report));
        assertEquals(List.of(topic + " has 3 partitions"), NoviceLab.line(report, "partitions").evidence());
        assertTrue(NoviceLab.line(report, "keys").evidence().get(0).startsWith("12 records, 4 keys: customer-0 → p"),
                NoviceLab.describe(report));
        assertTrue(NoviceLab.line(report, "group-earliest").evidence().get(1)
                .equals("the lab saw the group read every partition from its first record"), NoviceLab.describe(report));
        assertTrue(NoviceLab.line(report, "replay").evidence().get(0).contains("went back from"), NoviceLab.describe(report));
    }

    @Test
    void theJavaSolutionPassesEveryLineToo() {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");

        assertTrue(java("CreateTopic.java", topic, "3").contains("created " + topic + " with 3 partitions"));
        assertTrue(java("Producer.java", topic, "12").contains("produced 12 orders"));
        assertReadsEveryPartitionFromOffsetZero(printed(java("Consumer.java", topic, group, "2")), 12);
        lab.awaitOffsetsSeen(group);
        java("Replay.java", topic, group);
        lab.awaitRewindSeen(topic, group);
        assertEquals(12, printed(java("Consumer.java", topic, group, "2")).size(), "the replay reads all 12 again");

        Report report = lab.check(topic, group);
        assertTrue(report.passed(), NoviceLab.describe(report));
    }

    @Test
    void kcatWithTheJavaHashProducesAndConsumesInAGroupAndPassesWithTheLabsReset() {
        assumeTrue(Tools.installed("kcat"), "kcat is not installed (apt-get install kcat)");
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        Kafka.createTopic(lab.bootstrap, topic, 3);
        // Half from Java, half from kcat: the same keys stay together only because kcat hashes like Java here.
        List<ProducerRecord<String, String>> fromJava = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            fromJava.add(new ProducerRecord<>(topic, "cust-" + i % 4, "{\"order_id\": " + i + "}"));
            lines.append("cust-").append(i % 4).append(":{\"order_id\": ").append(100 + i).append("}\n");
        }
        Kafka.produce(lab.bootstrap, topic, fromJava);
        Tools.Result produced = Tools.run(null, lines.toString(), "kcat", "-b", lab.bootstrap, "-t", topic, "-P", "-K:",
                "-X", "partitioner=murmur2_random");
        assertEquals(0, produced.exitCode(), produced.output());

        assertReadsEveryPartitionFromOffsetZero(printed(kcatConsume(topic, group)), 16);
        lab.resetToEarliest(topic, group);
        assertEquals(16, printed(kcatConsume(topic, group)).size(), "the replay reads all 16 again");

        Report report = lab.check(topic, group);
        assertTrue(report.passed(), NoviceLab.describe(report));
    }

    private static String kcatConsume(String topic, String group) {
        Tools.Result consumed = Tools.run(null, null, "kcat", "-b", lab.bootstrap, "-G", group,
                "-X", "auto.offset.reset=earliest", "-e", "-q", "-f", "partition=%p offset=%o key=%k value=%s\\n", topic);
        assertEquals(0, consumed.exitCode(), consumed.output());
        return consumed.output();
    }

    private static void assertReadsEveryPartitionFromOffsetZero(List<Printed> records, int expected) {
        assertEquals(expected, records.size(), "every record printed once: " + records);
        Map<String, Set<Integer>> partitionsOfKey = new HashMap<>();
        Set<Integer> partitions = new HashSet<>();
        Set<Integer> startedAtZero = new HashSet<>();
        for (Printed p : records) {
            partitionsOfKey.computeIfAbsent(p.key(), k -> new HashSet<>()).add(p.partition());
            partitions.add(p.partition());
            if (p.offset() == 0) {
                startedAtZero.add(p.partition());
            }
        }
        assertEquals(partitions, startedAtZero, "each partition is read from offset 0: " + records);
        partitionsOfKey.forEach((key, where) -> assertEquals(1, where.size(), key + " is in one partition: " + records));
        assertFalse(partitions.size() < 2, "the keys spread over more than one partition: " + records);
    }

    private record Printed(int partition, long offset, String key) {
    }

    private static List<Printed> printed(String output) {
        List<Printed> records = new ArrayList<>();
        Matcher m = PRINTED.matcher(output);
        while (m.find()) {
            records.add(new Printed(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
        }
        return records;
    }

    private static String python(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "STREAMLAB_BOOTSTRAP=" + lab.bootstrap,
                Tools.PYTHON, SOLUTION.resolve(script).toString()));
        command.addAll(List.of(args));
        return ran(command);
    }

    /** A single-file source program, as a learner runs it with the lab's jar (here: the test classpath). */
    private static String java(String program, String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "STREAMLAB_BOOTSTRAP=" + lab.bootstrap,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", LabProcess.classpath(),
                SOLUTION.resolve(program).toString()));
        command.addAll(List.of(args));
        return ran(command);
    }

    private static String ran(List<String> command) {
        Tools.Result result = Tools.run(null, null, command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), () -> String.join(" ", command) + " failed:\n" + result.output());
        return result.output();
    }
}
