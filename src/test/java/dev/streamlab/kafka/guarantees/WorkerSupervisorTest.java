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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kill plans on one supervised worker process: counted from the request, replaced, refused when they cannot fire. */
class WorkerSupervisorTest {
    private static final int ORDERS = 1000;
    private static final int BATCH = 50;

    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());

    @Test
    void killAfterNMoreKillsInTheFirstBatchAfterNMoreRecordsCountedFromTheRequest() {
        try (WorkerSupervisor s = supervisor()) {
            s.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> s.state().processing() && s.state().recordsProcessed() >= 100);
            long from = s.state().recordsProcessed();
            String planned = s.killAfter(300);
            assertTrue(planned.contains("kill after 300 more planned"), planned);

            await().atMost(Duration.ofSeconds(60)).until(() -> s.state().kills() == 1);
            WorkerSupervisor.Kill kill = s.state().inBatchKills().get(0);
            assertTrue(kill.atRecords() >= from + 300 && kill.atRecords() < from + 300 + BATCH,
                    "300 more after " + from + ", in the next batch: " + kill);
            assertTrue(kill.where().startsWith("produced " + kill.records() + ", offsets not committed"), kill.where());
            assertTrue(s.killsDone());
        }
    }

    @Test
    void aNewPlanReplacesAPendingOneAndAPlanThatCouldNeverFireIsRefused() {
        try (WorkerSupervisor s = supervisor()) {
            s.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> s.state().processing() && s.state().left() > 0);
            IllegalStateException never = assertThrows(IllegalStateException.class, () -> s.killAfter(ORDERS * 10));
            assertTrue(never.getMessage().contains("could never fire"), never.getMessage());

            s.killAfter(600);
            long from = s.state().recordsProcessed();
            assertTrue(s.state().plan().startsWith("kill after 600 more"), s.state().plan());
            String replaced = s.killInNextBatch();
            assertTrue(replaced.contains("replaces kill after 600 more"), replaced);

            await().atMost(Duration.ofSeconds(60)).until(() -> s.state().kills() == 1);
            assertTrue(s.state().inBatchKills().get(0).atRecords() < from + 600, "the replacing plan fired: " + s.state());
            await().atMost(Duration.ofSeconds(90)).until(() -> s.state().running() && s.state().caughtUp());
            assertEquals(1, s.state().kills(), "the replaced plan is gone: " + s.state());
        }
    }

    @Test
    void aWorkerThatHasCaughtUpHasNothingInFlightSoAKillIsRefused() {
        try (WorkerSupervisor s = supervisor()) {
            s.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> s.state().running() && s.state().caughtUp());
            IllegalStateException now = assertThrows(IllegalStateException.class, s::killInNextBatch);
            assertTrue(now.getMessage().contains("has read all of its input: nothing is in flight to interrupt"), now.getMessage());
            assertThrows(IllegalStateException.class, () -> s.killAfter(10));
            assertThrows(IllegalStateException.class, () -> s.killTimes(3));
            assertEquals(0, s.state().kills());
            assertTrue(s.killsDone());
        }
    }

    /** An at-least-once worker over 1000 fresh orders, 50-record batches, 2 ms per record (at least 2 s of work). */
    private WorkerSupervisor supervisor() {
        String input = Names.unique("orders");
        String output = Names.unique("totals");
        Kafka.createTopic(bootstrap, input, 3);
        Kafka.createTopic(bootstrap, output, 3);
        Orders.produce(clients, input, Orders.generate(ORDERS, 6, 7));
        return new WorkerSupervisor("at-least-once", LabProcess.classpath(), List.of("--mode", "at-least-once",
                "--input", input, "--output", output, "--group", Names.unique("g"), "--bootstrap-servers", bootstrap,
                "--batch", Integer.toString(BATCH), "--commit-interval-ms", "200", "--record-delay-ms", "2"));
    }
}
