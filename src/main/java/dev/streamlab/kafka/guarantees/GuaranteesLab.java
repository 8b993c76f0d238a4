package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.process.ChildRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The three pipelines of chapter 4 side by side: one supervised worker per {@link Worker.Mode} over the same input
 * topic, each with its own output topic {@code <prefix>-<mode>} and group {@code <prefix>-<mode>-group} (and
 * transactional id {@code <prefix>-exactly-once-tx}).
 */
public final class GuaranteesLab implements AutoCloseable {

    /** How every worker runs: see {@link Worker.Settings}. */
    public record Options(int batch, long commitIntervalMs, long recordDelayMs) {
        public static Options defaults() {
            return new Options(100, 100, 0);
        }
    }

    private final KafkaClients clients;
    private final String prefix;
    private final String input;
    private final Map<Worker.Mode, WorkerSupervisor> supervisors = new EnumMap<>(Worker.Mode.class);

    public GuaranteesLab(KafkaClients clients, String prefix, String input, String classpath, Options options) {
        this(clients, prefix, input, classpath, options, ChildRecords.none());
    }

    /** @param records where the workers are noted while they run (see {@link WorkerSupervisor}) */
    public GuaranteesLab(KafkaClients clients, String prefix, String input, String classpath, Options options,
                         ChildRecords records) {
        this.clients = clients;
        this.prefix = prefix;
        this.input = input;
        for (Worker.Mode mode : Worker.Mode.values()) {
            List<String> args = new ArrayList<>(List.of("--mode", mode.flag(), "--input", input,
                    "--output", output(mode), "--group", group(mode),
                    "--bootstrap-servers", clients.bootstrapServers(),
                    "--batch", Integer.toString(options.batch()),
                    "--commit-interval-ms", Long.toString(options.commitIntervalMs()),
                    "--record-delay-ms", Long.toString(options.recordDelayMs())));
            if (mode == Worker.Mode.EXACTLY_ONCE) {
                args.addAll(List.of("--transactional-id", prefix + "-exactly-once-tx"));
            }
            supervisors.put(mode, new WorkerSupervisor(mode.flag(), classpath, args, records));
        }
    }

    public String output(Worker.Mode mode) {
        return prefix + "-" + mode.flag();
    }

    public String group(Worker.Mode mode) {
        return prefix + "-" + mode.flag() + "-group";
    }

    public String input() {
        return input;
    }

    /** Creates the three output topics (as many partitions as the input) and starts the three workers. */
    public void start() {
        try (Admin admin = clients.admin("streamlab-guarantees", 30_000)) {
            int partitions = admin.describeTopics(List.of(input)).allTopicNames().get().get(input).partitions().size();
            List<NewTopic> outputs = new ArrayList<>();
            for (Worker.Mode mode : Worker.Mode.values()) {
                outputs.add(new NewTopic(output(mode), partitions, (short) -1));
            }
            admin.createTopics(outputs).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating output topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the output topics of " + prefix + ": " + e.getCause(),
                    e.getCause());
        }
        supervisors.values().forEach(WorkerSupervisor::start);
    }

    public WorkerSupervisor supervisor(Worker.Mode mode) {
        return supervisors.get(mode);
    }

    /** Each mode's output checked against {@code orders} (read_committed, as a downstream consumer reads it). */
    public Map<Worker.Mode, OutputCheck.Result> results(List<Order> orders) {
        Map<Worker.Mode, OutputCheck.Result> results = new EnumMap<>(Worker.Mode.class);
        for (Worker.Mode mode : Worker.Mode.values()) {
            results.put(mode, OutputCheck.check(clients, output(mode), orders));
        }
        return results;
    }

    @Override
    public void close() {
        supervisors.values().parallelStream().forEach(WorkerSupervisor::close);
    }
}
