package dev.streamlab.kafka.guarantees;

import dev.streamlab.testing.Cli;
import dev.streamlab.testing.Cli.Run;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.streamlab.testing.Cli.run;
import static dev.streamlab.testing.Matches.count;
import static dev.streamlab.testing.Matches.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code streamlab chaos} on the real broker against the example workers a learner starts from and programs written
 * here; kills in the assertions that need one inside a batch are placed on the program's signal ({@code --kill-on}).
 */
class ChaosRunTest {
    private static final Path LAB = Path.of("labs", "guarantees").toAbsolutePath();

    @BeforeEach
    void needsPythonsKafkaClient() {
        assumeTrue(Tools.pythonHas("confluent_kafka"),
                "Debian's python3-confluent-kafka is not installed (apt-get install python3-confluent-kafka; .ci/run does)");
    }

    @Test
    void anAtLeastOnceProgramKilledBetweenProducingAndCommittingIsCaughtWithDuplicatesFromEveryKill(@TempDir Path dir) {
        Path program = ChaosPrograms.write(dir, "at_least_once.py", ChaosPrograms.atLeastOnce(3));

        Run run = chaos(program, "--kills", "3", "--records", "400", "--seed", "7", "--kill-on", ChaosPrograms.SIGNAL);

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: NOT EXACT: duplicates"), run.out());
        // Each kill lands after a batch was produced and before its offsets were committed: the next run writes the
        // whole batch again, so every kill leaves duplicates (a batch has at least one record).
        assertTrue(number(run.out(), "duplicated: (\\d+)") >= 3, run.out());
        assertEquals(0, number(run.out(), "lost: (\\d+)"), run.out());
        assertEquals(3, count(run.out(), "\n    kill \\d at "), run.out());
        assertTrue(run.out().contains("[run 3] " + ChaosPrograms.SIGNAL), "the program's own output is passed through, prefixed");
    }

    @Test
    void theExampleTransactionalWorkerStaysExactThroughThreeKillsAndTheReportShowsTheEvidence() {
        Run run = chaos(LAB.resolve("transactional_worker.py"), "--kills", "3", "--records", "600", "--seed", "11");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: EXACT (every order once, latest totals right)"), run.out());
        assertTrue(run.out().contains("output: 600 committed records; lost: 0, duplicated: 0"), run.out());
        assertEquals(3, count(run.out(), "\n    kill \\d at "), run.out());
        // Each restart re-initializes the same transactional.id: the broker bumps its epoch to fence the killed one.
        assertTrue(number(run.out(), "highest epoch (\\d+)") >= 3, run.out());
        assertTrue(number(run.out(), "transaction markers: (\\d+)") > 0, run.out());
    }

    @Test
    void theExampleNaiveWorkerIsExactWhenNothingKillsIt() {
        Run run = chaos(LAB.resolve("naive_worker.py"), "--kills", "0", "--records", "300", "--seed", "5");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: EXACT"), run.out());
    }

    private static final String UPSERT_TOTALS = """
            import json, os
            from confluent_kafka import Consumer, Producer
            c = Consumer({"bootstrap.servers": os.environ["STREAMLAB_BOOTSTRAP"], "group.id": os.environ["STREAMLAB_OUTPUT"],
                          "auto.offset.reset": "earliest"})
            p = Producer({"bootstrap.servers": os.environ["STREAMLAB_BOOTSTRAP"]})
            c.subscribe([os.environ["STREAMLAB_INPUT"]])
            totals = {}
            while True:
                m = c.poll(0.5)
                if m is None or m.error():
                    continue
                o = json.loads(m.value())
                totals[o["customer"]] = round(totals.get(o["customer"], 0) + o["amount"], 2)
                p.produce(os.environ["STREAMLAB_OUTPUT"], key=o["customer"], value=json.dumps({"total": totals[o["customer"]]}))
                p.poll(0)
            """;

    @Test
    void inUpsertModeTheLatestValuePerCustomerMustBeTheSumOfItsAmounts() {
        Run run = run("chaos", "--bootstrap-servers", TestBroker.bootstrapServers(), "--input", Names.unique("chaos-in"),
                "--output", Names.unique("chaos-out"), "--quiet", "3s", "--timeout", "60s", "--kills", "0",
                "--records", "200", "--seed", "3", "--upsert", "--", Tools.PYTHON, "-c", UPSERT_TOTALS);

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("result: EXACT (upsert: latest value per customer = sum of its amounts)"), run.out());
        assertTrue(run.out().contains("the latest value of each of the 5 customers in "), run.out());
        assertTrue(run.out().contains("output: 200 committed records\n"), run.out());
    }

    @Test
    void topicsThatAlreadyHoldRecordsAreRefusedInOneLine() {
        String input = Names.unique("chaos-used-in");
        Kafka.createTopic(TestBroker.bootstrapServers(), input, 1);
        Kafka.produce(TestBroker.bootstrapServers(), input,
                java.util.List.of(new org.apache.kafka.clients.producer.ProducerRecord<>(input, "k", "v")));

        Run run = run("chaos", "--bootstrap-servers", TestBroker.bootstrapServers(), "--input", input,
                "--output", Names.unique("chaos-used-out"), "--", Tools.PYTHON, "-c", "pass");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals("streamlab: chaos: topic " + input + " already holds 1 records; chaos needs empty topics "
                + "(give new names to --input and --output)", run.err().strip());
    }

    private static Run chaos(Path program, String... options) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("chaos",
                "--bootstrap-servers", TestBroker.bootstrapServers(), "--input", Names.unique("chaos-in"),
                "--output", Names.unique("chaos-out"), "--quiet", "3s", "--timeout", "120s"));
        args.addAll(java.util.List.of(options));
        args.addAll(java.util.List.of("--", Tools.PYTHON, program.toString()));
        Run run = run(args.toArray(String[]::new));
        System.out.println(run.out() + run.err()); // in target/surefire-reports, to read a run
        return run;
    }
}
