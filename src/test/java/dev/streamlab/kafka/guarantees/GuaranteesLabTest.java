package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.streamlab.kafka.guarantees.Worker.Mode.AT_LEAST_ONCE;
import static dev.streamlab.kafka.guarantees.Worker.Mode.AT_MOST_ONCE;
import static dev.streamlab.kafka.guarantees.Worker.Mode.EXACTLY_ONCE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 4's claim, on a real broker with real processes: kill -9 each of the three workers three times, each time
 * at its mode's in-batch point (on the worker's signal, not at a random moment), and exactly-once still writes every
 * order once (the killed batches are aborted records), at-least-once repeats exactly the orders of the killed
 * batches and loses none, at-most-once loses exactly those and repeats none.
 */
class GuaranteesLabTest {
    private static final int ORDERS = 1200;
    private static final int KILLS = 3;

    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());

    @Test
    void underThreeInBatchKillsEachExactlyOnceIsExactAtLeastOnceRepeatsTheKilledBatchesAndAtMostOnceLosesThem() {
        String input = Names.unique("orders");
        Kafka.createTopic(bootstrap, input, 3);
        List<Order> orders = Orders.generate(ORDERS, 8, 44);
        Orders.produce(clients, input, orders);

        // 2 ms of "work" per record: the 1200 orders take at least 2.4 s, so each worker is still processing when
        // its plan is made; three kills use up at most six 50-record batches of it.
        try (GuaranteesLab lab = new GuaranteesLab(clients, Names.unique("ch4"), input, LabProcess.classpath(),
                new GuaranteesLab.Options(50, 200, 2))) {
            lab.start();
            for (Worker.Mode mode : Worker.Mode.values()) {
                WorkerSupervisor s = lab.supervisor(mode);
                await(mode.flag() + " processes").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10))
                        .until(() -> s.state().processing());
                s.killTimes(KILLS);
            }
            for (Worker.Mode mode : Worker.Mode.values()) {
                WorkerSupervisor s = lab.supervisor(mode);
                await(mode.flag() + " survives its kills and catches up").atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> s.killsDone() && s.state().running() && s.state().caughtUp());
            }

            Map<Worker.Mode, OutputCheck.Result> results = lab.results(orders);
            results.forEach((mode, r) -> System.out.println(mode.flag() + ": " + r.verdict()
                    + " | " + lab.supervisor(mode).state()));
            for (Worker.Mode mode : Worker.Mode.values()) {
                WorkerSupervisor.State s = lab.supervisor(mode).state();
                assertEquals(KILLS, s.kills(), s.note());
                assertEquals(KILLS, s.inBatchKills().size(), s.toString());
                assertTrue(s.inBatchKills().stream().allMatch(k -> k.records() > 0), s.toString());
                assertEquals(KILLS, s.recoveryTimes().size(), "each restart got back to work: " + s);
            }

            OutputCheck.Result exactlyOnce = results.get(EXACTLY_ONCE);
            assertTrue(exactlyOnce.exact(), exactlyOnce.verdict());
            assertTrue(exactlyOnce.totalsRight(), exactlyOnce.verdict());
            assertEquals(ORDERS, exactlyOnce.distinctSeen());
            OutputCheck.Evidence evidence = OutputCheck.evidence(clients, lab.output(EXACTLY_ONCE));
            System.out.println("exactly-once output: " + evidence.summary());
            assertEquals(held(lab, EXACTLY_ONCE), evidence.abortedRecords(),
                    "each killed transaction's records were aborted: " + evidence.summary());

            // The killed batch's records were produced, their offsets not committed: the restart reads them again.
            // Two killed batches may share records (a restarted worker's batches need not cut where the killed one
            // did), so their union lies between the largest batch and the sum.
            OutputCheck.Result atLeastOnce = results.get(AT_LEAST_ONCE);
            assertEquals(List.of(), atLeastOnce.lost(), atLeastOnce.verdict());
            long largest = lab.supervisor(AT_LEAST_ONCE).state().inBatchKills().stream()
                    .mapToLong(WorkerSupervisor.Kill::records).max().orElseThrow();
            assertTrue(atLeastOnce.duplicated().size() >= largest && atLeastOnce.duplicated().size() <= held(lab, AT_LEAST_ONCE),
                    "the killed batches' orders are repeated (" + largest + " to " + held(lab, AT_LEAST_ONCE) + "): "
                            + atLeastOnce.verdict());

            // The killed batch's offsets were committed and its records never produced: exactly they are lost.
            OutputCheck.Result atMostOnce = results.get(AT_MOST_ONCE);
            assertEquals(List.of(), atMostOnce.duplicated(), atMostOnce.verdict());
            assertEquals(held(lab, AT_MOST_ONCE), atMostOnce.lost().size(), atMostOnce.verdict());
        }
    }

    /** How many records the killed batches of {@code mode} held, all kills together. */
    private static long held(GuaranteesLab lab, Worker.Mode mode) {
        return lab.supervisor(mode).state().inBatchKills().stream().mapToLong(WorkerSupervisor.Kill::records).sum();
    }
}
