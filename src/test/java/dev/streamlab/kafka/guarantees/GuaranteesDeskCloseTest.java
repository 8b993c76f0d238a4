package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing the chapter 4 desk while its checker is inside a Kafka consumer call: the checks stop within the desk's
 * bound, and the Kafka client logs no ERROR (an interrupt in a consumer's poll or close logs one, with a stack trace).
 */
class GuaranteesDeskCloseTest {
    private static final String CHECKER = "streamlab-guarantees";

    @Test
    void closingTheDeskWhileACheckReadsKafkaStopsTheChecksAndLogsNoError() {
        KafkaClients clients = new KafkaClients(TestBroker.bootstrapServers(), Map.of());
        GuaranteesDesk desk = new GuaranteesDesk(clients, LabProcess.classpath(), snapshot -> { });
        String err;
        try {
            desk.start(5_000);
            // Wait for the moment the old close() went wrong: the checker thread inside the consumer.
            await("the checker reads Kafka").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5))
                    .until(() -> checker().map(GuaranteesDeskCloseTest::inConsumer).orElse(false));
        } finally {
            err = stderrDuring(desk::close);
        }
        assertTrue(desk.checksStopped(), "the checks still run after close(), which waits "
                + GuaranteesDesk.CLOSE_WAIT.toSeconds() + " s for them");
        assertFalse(err.contains("ERROR"), "closing the desk logged an error:\n" + err);
    }

    private static Optional<Thread> checker() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(CHECKER)).findFirst();
    }

    private static boolean inConsumer(Thread t) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("org.apache.kafka.clients.consumer"));
    }

    /** What is written to System.err while {@code action} runs (slf4j-simple looks System.err up on each line), also passed on. */
    private static String stderrDuring(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                copy.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                copy.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.err.flush();
            System.setErr(original);
        }
        return copy.toString(StandardCharsets.UTF_8);
    }
}
