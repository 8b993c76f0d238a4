package dev.streamlab.testing;

import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.kafka.EmbeddedBrokerSettings;
import dev.streamlab.kafka.KafkaVersion;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one Kafka broker every integration test in this JVM shares. With Docker it is Testcontainers' KafkaContainer
 * (the official apache/kafka image at our Kafka version); without Docker, as on our machines, the lab's own
 * embedded broker. {@code -Dstreamlab.test.broker=embedded|testcontainers} forces one.
 */
public final class TestBroker {
    private static final String CHOICE = System.getProperty("streamlab.test.broker", "auto");

    private TestBroker() {
    }

    /** The address of the shared broker, started on first use and stopped when the test JVM exits. */
    public static String bootstrapServers() {
        return Holder.BOOTSTRAP;
    }

    /**
     * A broker of the test's own on 127.0.0.1:{@code port}, for tests that stop Kafka and start it again on the
     * same port and data directory (never the shared one).
     */
    public static EmbeddedBroker startOwn(Path dataDir, int port) throws IOException {
        EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBrokerSettings(
                "127.0.0.1", "127.0.0.1", port, FreePorts.next(), dataDir, Map.of()));
        broker.start();
        return broker;
    }

    /** Which kind of broker the tests are running against, for messages. */
    public static String kind() {
        return Holder.KIND;
    }

    private static final class Holder {
        static final String KIND = useTestcontainers() ? "testcontainers" : "embedded";
        static final String BOOTSTRAP = KIND.equals("testcontainers") ? startContainer() : startEmbedded();

        private static boolean useTestcontainers() {
            return switch (CHOICE) {
                case "embedded" -> false;
                case "testcontainers" -> true;
                case "auto" -> dockerAvailable();
                default -> throw new IllegalArgumentException(
                        "-Dstreamlab.test.broker must be auto, embedded or testcontainers, got " + CHOICE);
            };
        }

        private static boolean dockerAvailable() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }

        private static String startContainer() {
            KafkaContainer kafka = new KafkaContainer("apache/kafka:" + KafkaVersion.current());
            kafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
            return kafka.getBootstrapServers();
        }

        private static String startEmbedded() {
            try {
                Path dir = Files.createTempDirectory("streamlab-test-broker");
                EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBrokerSettings(
                        "127.0.0.1", "127.0.0.1", FreePorts.next(), FreePorts.next(), dir, Map.of()));
                broker.start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                return broker.bootstrapServers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
