package dev.streamlab.clients;

import dev.streamlab.App;
import dev.streamlab.RunningLab;
import dev.streamlab.config.LabSettings;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quest's chapter-2 Python scripts, byte for byte as learners copy them (they say localhost:9092 and
 * "orders"), run with Debian's python3-kafka against a lab started on its default Kafka port.
 */
class QuestScriptsTest {
    private static final Pattern LINE = Pattern.compile("partition=(\\d+) offset=(\\d+) value=\\{'order_id': (\\d+),");

    @TempDir
    Path dir;

    @Test
    void theQuestsProducerAndConsumerRunUnchangedAgainstTheLabsDefaultPort() throws Exception {
        assumeTrue(Tools.pythonHas("kafka"), "Debian's python3-kafka is not installed (apt-get install python3-kafka; .ci/run does)");
        assumeTrue(FreePorts.isFree(LabSettings.DEFAULT_KAFKA_PORT),
                "port 9092 is taken (a lab or Kafka is running here), and the quest's scripts only know that port");
        LabSettings settings = new LabSettings(LabSettings.DEFAULT_HOST, FreePorts.next(), LabSettings.DEFAULT_KAFKA_PORT,
                dir.resolve("data"), false, Optional.empty(), Optional.empty(), false, Duration.ofSeconds(10));

        try (RunningLab lab = App.start(settings, Clock.systemUTC())) {
            Kafka.createTopic(lab.clients().bootstrapServers(), "orders", 2);
            Path producer = copySnippet("producer.py");
            Path consumer = copySnippet("consumer.py");

            Tools.Result produced = Tools.run(dir, null, Tools.PYTHON, producer.toString());
            assertEquals(0, produced.exitCode(), produced.output());
            assertTrue(produced.output().contains("produced 5 events"), produced.output());

            List<String> lines = firstLines(consumer, 5);
            Map<Integer, Integer> partitionOfOrder = new java.util.HashMap<>();
            for (String line : lines) {
                Matcher m = LINE.matcher(line);
                assertTrue(m.find(), "the consumer prints partition, offset and value: " + line);
                partitionOfOrder.put(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)));
            }
            assertEquals(5, partitionOfOrder.size(), "every order read once: " + lines);
            // cust-0 has orders 0, 2, 4 and cust-1 has 1, 3: one key, one partition.
            assertEquals(1, List.of(0, 2, 4).stream().map(partitionOfOrder::get).collect(Collectors.toSet()).size(), lines.toString());
            assertEquals(1, List.of(1, 3).stream().map(partitionOfOrder::get).collect(Collectors.toSet()).size(), lines.toString());
        }
    }

    private Path copySnippet(String name) throws Exception {
        Path target = dir.resolve(name);
        Files.copy(Path.of("labs", "kafka", "snippets", name), target);
        return target;
    }

    /** consumer.py never ends by design: read its first lines, then stop it. */
    private List<String> firstLines(Path script, int count) throws Exception {
        Process process = new ProcessBuilder(Tools.PYTHON, "-u", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
                List<String> lines = new ArrayList<>();
                try {
                    String line;
                    while (lines.size() < count && (line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return lines;
            });
            return read.get(60, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }
    }
}
