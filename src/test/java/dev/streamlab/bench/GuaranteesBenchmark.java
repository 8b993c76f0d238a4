package dev.streamlab.bench;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.kafka.guarantees.Orders;
import dev.streamlab.kafka.guarantees.Worker;
import dev.streamlab.kafka.guarantees.WorkerSupervisor;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * By hand: {@code mvn -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.streamlab.bench.GuaranteesBenchmark}. Throughput of each mode as a child process on the same
 * input (records/s from its "ready" line to its "caught up" line), exactly-once against at-least-once as a ratio,
 * and the exactly-once worker's recovery time (kill -9 to its first processed batch) over 20 kills.
 */
public final class GuaranteesBenchmark {
    private static final int ORDERS = 50_000;

    public static void main(String[] args) throws Exception {
        String bootstrap = TestBroker.bootstrapServers();
        KafkaClients clients = new KafkaClients(bootstrap, Map.of());
        String input = Names.unique("bench-orders");
        Kafka.createTopic(bootstrap, input, 3);
        List<Order> orders = Orders.generate(ORDERS, 100, 5);
        Orders.produce(clients, input, orders);

        double alo = 0;
        for (Worker.Mode mode : List.of(Worker.Mode.AT_LEAST_ONCE, Worker.Mode.AT_MOST_ONCE, Worker.Mode.EXACTLY_ONCE,
                Worker.Mode.AT_LEAST_ONCE)) {
            double rate = throughput(clients, input, mode);
            System.out.printf("%-14s %,10.0f records/s (batch 500, commit interval 100 ms)%n", mode.flag(), rate);
            if (mode == Worker.Mode.AT_LEAST_ONCE) {
                alo = rate;
            } else if (mode == Worker.Mode.EXACTLY_ONCE) {
                System.out.printf("exactly-once / at-least-once throughput: %.2f%n", rate / alo);
            }
        }
        recovery(clients, input);
        System.exit(0);
    }

    private static double throughput(KafkaClients clients, String input, Worker.Mode mode) throws Exception {
        String output = Names.unique("bench-" + mode.flag());
        Kafka.createTopic(clients.bootstrapServers(), output, 3);
        List<String> args = List.of("--mode", mode.flag(), "--input", input, "--output", output,
                "--group", Names.unique("bench-g"), "--bootstrap-servers", clients.bootstrapServers(),
                "--batch", "500", "--commit-interval-ms", "100", "--transactional-id", Names.unique("bench-tx"));
        try (WorkerSupervisor s = new WorkerSupervisor(mode.flag(), LabProcess.classpath(), args)) {
            s.start();
            long ready = waitFor(s, st -> st.lastLine().startsWith("ready") || st.recordsProcessed() > 0);
            waitFor(s, st -> st.caughtUp() && st.recordsProcessed() >= ORDERS);
            long end = System.nanoTime();
            return ORDERS / ((end - ready) / 1e9);
        }
    }

    private static void recovery(KafkaClients clients, String input) throws Exception {
        String output = Names.unique("bench-recovery");
        Kafka.createTopic(clients.bootstrapServers(), output, 3);
        List<String> args = List.of("--mode", "exactly-once", "--input", input, "--output", output,
                "--group", Names.unique("bench-g"), "--bootstrap-servers", clients.bootstrapServers(),
                "--batch", "100", "--commit-interval-ms", "100", "--record-delay-ms", "1",
                "--transactional-id", Names.unique("bench-tx"));
        try (WorkerSupervisor s = new WorkerSupervisor("recovery", LabProcess.classpath(), args)) {
            s.start();
            waitFor(s, st -> st.recordsProcessed() > 0);
            for (int i = 0; i < 20; i++) {
                int before = s.state().recoveryTimes().size();
                s.kill();
                waitFor(s, st -> st.recoveryTimes().size() > before);
                Thread.sleep(200);
            }
            List<Duration> times = new ArrayList<>(s.state().recoveryTimes());
            times.sort(null);
            System.out.printf("exactly-once recovery over %d kills (kill -9 -> first committed batch of the new "
                            + "process): median %d ms, worst %d ms, best %d ms%n", times.size(),
                    times.get(times.size() / 2).toMillis(), times.get(times.size() - 1).toMillis(),
                    times.get(0).toMillis());
        }
    }

    private static long waitFor(WorkerSupervisor s, java.util.function.Predicate<WorkerSupervisor.State> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!done.test(s.state())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + s.state() + " " + s.tail());
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }
}
