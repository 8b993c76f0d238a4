package dev.streamlab.bench;

import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.TestBroker;
import dev.streamlab.testing.TestLab;
import dev.streamlab.testing.WsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.awaitility.Awaitility.await;

/**
 * How long a page takes to say that Kafka stopped answering, and to say it is back. Run by hand:
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.streamlab.bench.OutageBenchmark -Dexec.args="5"</pre>
 * Each round stops the embedded broker under a page watching {@code status} and times the frame that says so.
 */
public final class OutageBenchmark {
    private OutageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("streamlab-outage");
        int port = FreePorts.next();
        EmbeddedBroker broker = TestBroker.startOwn(dir, port);
        List<Double> down = new ArrayList<>();
        List<Double> up = new ArrayList<>();
        try (TestLab lab = TestLab.start("127.0.0.1:" + port);
             WsClient page = WsClient.connect(lab.wsUrl())) {
            page.send("{\"op\":\"subscribe\",\"subject\":\"status\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> reachable(page) == Boolean.TRUE);
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                broker.close();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> reachable(page) == Boolean.FALSE);
                down.add((System.nanoTime() - t0) / 1e6);
                long t1 = System.nanoTime();
                broker = TestBroker.startOwn(dir, port);
                long ready = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> reachable(page) == Boolean.TRUE);
                up.add((System.nanoTime() - ready) / 1e6);
                System.out.printf(Locale.ROOT, "round %d: page said 'not answering' %.0f ms after the broker stopped; "
                        + "'back' %.0f ms after it was ready again (its start took %.0f ms)%n",
                        round, down.get(round - 1), up.get(round - 1), (ready - t1) / 1e6);
            }
        } finally {
            broker.close();
        }
        System.out.printf(Locale.ROOT, "down: max %.0f ms; up: max %.0f ms over %d rounds%n",
                down.stream().mapToDouble(d -> d).max().orElse(0), up.stream().mapToDouble(d -> d).max().orElse(0), rounds);
    }

    private static Boolean reachable(WsClient page) {
        var broker = page.state("status").get("broker");
        return broker == null || !broker.get("checked").asBoolean() ? null : broker.get("reachable").asBoolean();
    }

}
