package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One worker in this JVM: what it writes, how it reports, and how a second one fences the first. */
class WorkerTest {
    private final String bootstrap = TestBroker.bootstrapServers();
    private final KafkaClients clients = new KafkaClients(bootstrap, Map.of());

    @Test
    void anExactlyOnceWorkerWritesEveryOrderOnceWithRunningTotalsAndSaysWhenItHasCaughtUp() throws Exception {
        Topics t = topics();
        List<Order> orders = Orders.generate(500, 6, 1);
        Orders.produce(clients, t.input, orders);
        List<String> lines = new CopyOnWriteArrayList<>();
        Worker worker = new Worker(clients, new Worker.Settings(Worker.Mode.EXACTLY_ONCE, t.input, t.output,
                Names.unique("g"), Names.unique("tx"), 100, 100, 0), lines::add);
        Thread thread = new Thread(worker::run);
        thread.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> lines.contains("caught up (total 500)"));
        assertTrue(worker.stop(Duration.ofSeconds(10)));
        assertTrue(lines.get(0).startsWith("ready exactly-once"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("processed \\d+ \\(total \\d+, left \\d+\\)")), lines.toString());
        assertEquals("stopped (total 500)", lines.get(lines.size() - 1));
        OutputCheck.Result result = OutputCheck.check(clients, t.output, orders);
        assertTrue(result.exact() && result.totalsRight(), result.verdict());
        OutputCheck.Evidence evidence = OutputCheck.evidence(clients, t.output);
        assertEquals(0, evidence.abortedRecords(), evidence.summary());
        assertTrue(evidence.controlMarkers() > 0, evidence.summary());
    }

    @Test
    void aRestartedWorkerRebuildsItsTotalsFromTheOutputAndContinuesThem() throws Exception {
        Topics t = topics();
        List<Order> orders = Orders.generate(300, 4, 2);
        String group = Names.unique("g");
        Orders.produce(clients, t.input, orders.subList(0, 150));
        runUntilCaughtUp(Worker.Mode.AT_LEAST_ONCE, t, group, 150);
        Orders.produce(clients, t.input, orders.subList(150, 300));
        List<String> lines = runUntilCaughtUp(Worker.Mode.AT_LEAST_ONCE, t, group, 150);

        assertTrue(lines.get(0).contains("rebuilt from 150 output records"), lines.get(0));
        OutputCheck.Result result = OutputCheck.check(clients, t.output, orders);
        assertTrue(result.exact() && result.totalsRight(), result.verdict());
    }

    @Test
    void aSecondExactlyOnceWorkerWithTheSameTransactionalIdFencesTheFirst() throws Exception {
        Topics t = topics();
        Orders.produce(clients, t.input, Orders.generate(400, 3, 3));
        String group = Names.unique("g");
        String txId = Names.unique("tx");
        List<String> firstLines = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> firstEnd = new AtomicReference<>();
        Worker first = new Worker(clients, new Worker.Settings(Worker.Mode.EXACTLY_ONCE, t.input, t.output, group,
                txId, 100, 50, 10), firstLines::add);
        Thread firstThread = new Thread(() -> {
            try {
                first.run();
            } catch (Throwable e) {
                firstEnd.set(e);
            }
        });
        firstThread.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> firstLines.stream().anyMatch(l -> l.startsWith("processed")));

        List<String> secondLines = new CopyOnWriteArrayList<>();
        Worker second = new Worker(clients, new Worker.Settings(Worker.Mode.EXACTLY_ONCE, t.input, t.output, group,
                txId, 100, 50, 0), secondLines::add);
        Thread secondThread = new Thread(second::run);
        secondThread.start();

        firstThread.join(40_000);
        System.out.println("the fenced worker ended with " + firstEnd.get());
        // Fenced: its next transactional call fails (ProducerFencedException, or a timeout of the blocked commit).
        assertInstanceOf(KafkaException.class, firstEnd.get(), String.valueOf(firstEnd.get()));
        await().atMost(Duration.ofSeconds(30)).until(() -> secondLines.contains("caught up (total "
                + (400 - processedBy(firstLines)) + ")"));
        assertTrue(second.stop(Duration.ofSeconds(10)));
        OutputCheck.Result result = OutputCheck.check(clients, t.output, Orders.generate(400, 3, 3));
        assertTrue(result.exact() && result.totalsRight(), result.verdict());
        assertTrue(OutputCheck.evidence(clients, t.output).abortedRecords() > 0, "the fenced batch was aborted");
    }

    @Test
    void askedToHoldAnAtLeastOnceWorkerStopsAfterProducingItsBatchAndCarriesOnWhenTheHoldIsCancelled() throws Exception {
        Topics t = topics();
        List<Order> orders = Orders.generate(300, 4, 5);
        Orders.produce(clients, t.input, orders);
        List<String> lines = new CopyOnWriteArrayList<>();
        Worker worker = new Worker(clients, new Worker.Settings(Worker.Mode.AT_LEAST_ONCE, t.input, t.output,
                Names.unique("g"), null, 100, 50, 0), lines::add);
        worker.request(Worker.HOLD); // asked before it starts: it holds in its first batch
        Thread thread = new Thread(worker::run);
        thread.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> l.startsWith("in batch: ")));
        String held = lines.stream().filter(l -> l.startsWith("in batch: ")).findFirst().orElseThrow();
        assertTrue(held.matches("in batch: produced \\d+, offsets not committed"), held);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("processed")), "held before its first commit: " + lines);
        worker.request(Worker.CANCEL_HOLD);

        await().atMost(Duration.ofSeconds(60)).until(() -> lines.contains("caught up (total 300)"));
        assertTrue(lines.contains("(hold ended; carrying on with the batch)"), lines.toString());
        worker.request(Worker.HOLD); // nothing left to read: it says so instead of holding
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("no batch to hold: caught up (total 300)"));
        assertTrue(worker.stop(Duration.ofSeconds(10)));
        OutputCheck.Result result = OutputCheck.check(clients, t.output, orders);
        assertTrue(result.exact() && result.totalsRight(), "a cancelled hold changes nothing: " + result.verdict());
    }

    private static long processedBy(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("processed "))
                .mapToLong(l -> Long.parseLong(l.split(" ")[1])).sum();
    }

    private List<String> runUntilCaughtUp(Worker.Mode mode, Topics t, String group, int expected) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Worker worker = new Worker(clients, new Worker.Settings(mode, t.input, t.output, group, null, 100, 100, 0),
                lines::add);
        new Thread(worker::run).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> lines.contains("caught up (total " + expected + ")"));
        assertTrue(worker.stop(Duration.ofSeconds(10)));
        return lines;
    }

    private record Topics(String input, String output) {
    }

    private Topics topics() {
        Topics t = new Topics(Names.unique("orders"), Names.unique("totals"));
        Kafka.createTopic(bootstrap, t.input, 3);
        Kafka.createTopic(bootstrap, t.output, 3);
        return t;
    }
}
