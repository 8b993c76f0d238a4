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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapter 4's claim, on a real broker with real processes: kill -9 the three workers again and again in the middle
 * of their batches, and exactly-once still writes every order once, at-least-once never loses one but repeats some,
 * at-most-once never repeats one but loses some.
 */
class GuaranteesLabTest {
    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());

    @Test
    void underTwentyKillsExactlyOnceIsExactAtLeastOnceOnlyDuplicatesAndAtMostOnceOnlyLoses() {
        String input = Names.unique("orders");
        Kafka.createTopic(bootstrap, input, 3);
        List<Order> orders = Orders.generate(2000, 8, 44);
        Orders.produce(clients, input, orders);

        // 5 ms of "work" per record and 100-record batches: a batch takes half a second, so a kill within 1.2 s
        // of a start nearly always lands while a batch is being processed.
        try (GuaranteesLab lab = new GuaranteesLab(clients, Names.unique("ch4"), input, LabProcess.classpath(),
                new GuaranteesLab.Options(100, 1000, 5))) {
            lab.start();
            lab.supervisor(EXACTLY_ONCE).killRandomly(20, 1, 1200);
            lab.supervisor(AT_LEAST_ONCE).killRandomly(8, 2, 1200);
            lab.supervisor(AT_MOST_ONCE).killRandomly(8, 3, 1200);

            for (Worker.Mode mode : Worker.Mode.values()) {
                WorkerSupervisor s = lab.supervisor(mode);
                await(mode.flag() + " survives its kills and catches up").atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> s.killsDone() && s.state().running() && s.state().caughtUp());
            }

            Map<Worker.Mode, OutputCheck.Result> results = lab.results(orders);
            results.forEach((mode, r) -> System.out.println(mode.flag() + ": " + r.verdict()
                    + " | " + lab.supervisor(mode).state()));

            OutputCheck.Result exactlyOnce = results.get(EXACTLY_ONCE);
            assertTrue(exactlyOnce.exact(), exactlyOnce.verdict());
            assertTrue(exactlyOnce.totalsRight(), exactlyOnce.verdict());
            assertEquals(2000, exactlyOnce.distinctSeen());
            OutputCheck.Evidence evidence = OutputCheck.evidence(clients, lab.output(EXACTLY_ONCE));
            System.out.println("exactly-once output: " + evidence.summary());
            assertTrue(evidence.abortedRecords() > 0, "killed transactions were aborted: " + evidence.summary());

            OutputCheck.Result atLeastOnce = results.get(AT_LEAST_ONCE);
            assertEquals(List.of(), atLeastOnce.lost(), atLeastOnce.verdict());
            assertFalse(atLeastOnce.duplicated().isEmpty(), "a kill mid-batch repeats orders: " + atLeastOnce.verdict());

            OutputCheck.Result atMostOnce = results.get(AT_MOST_ONCE);
            assertEquals(List.of(), atMostOnce.duplicated(), atMostOnce.verdict());
            assertFalse(atMostOnce.lost().isEmpty(), "a kill mid-batch loses orders: " + atMostOnce.verdict());

            WorkerSupervisor.State eos = lab.supervisor(EXACTLY_ONCE).state();
            assertEquals(20, eos.kills());
            assertTrue(eos.restarts() >= 20, eos.toString());
            assertFalse(eos.recoveryTimes().isEmpty(), eos.toString());
        }
    }
}
