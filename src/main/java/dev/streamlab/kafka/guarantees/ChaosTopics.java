package dev.streamlab.kafka.guarantees;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * The two topics of a chaos run: creates them empty (refusing topics that already hold records), writes the orders
 * to the input, and reads what the output holds: its end offsets while the program runs, its committed records
 * and the evidence of transactions (aborted records, markers, producer epochs) at the end.
 */
final class ChaosTopics implements AutoCloseable {
    private final KafkaClients clients;
    private final String input;
    private final String output;
    private final Admin admin;
    private List<TopicPartition> outputPartitions;

    /** How long a topic made a moment ago may take to be known to its partitions' leader. */
    private static final Duration NEW_TOPIC_WAIT = Duration.ofSeconds(10);

    ChaosTopics(KafkaClients clients, String input, String output) {
        this.clients = clients;
        this.input = input;
        this.output = output;
        this.admin = clients.admin("streamlab-chaos", 10_000);
    }

    /** Creates both topics with 3 partitions, or takes them as they are if they exist and are empty. */
    void prepare() throws ExecutionException, InterruptedException {
        for (String topic : List.of(input, output)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) -1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        for (String topic : List.of(input, output)) {
            long held = heldRecords(topic);
            if (held > 0) {
                throw new ChaosRun.ChaosException("topic " + topic + " already holds " + held
                        + " records; chaos needs empty topics (give new names to --input and --output)", null);
            }
        }
        outputPartitions = partitions(output);
    }

    void write(List<Order> orders) {
        Orders.produce(clients, input, orders);
    }

    /** The sum of the output's end offsets (high watermarks: uncommitted records and markers included). */
    long outputEnd() throws ExecutionException, InterruptedException {
        return offsets(outputPartitions, OffsetSpec.latest());
    }

    /** What a downstream consumer reads: the output read_committed, to its last stable offset. */
    List<OutputCheck.Written> committedOutput() {
        return OutputCheck.written(TopicReader.readAll(clients, output, TopicReader.READ_COMMITTED,
                OutputCheck.READ_TIMEOUT));
    }

    OutputCheck.Evidence evidence() {
        return OutputCheck.evidence(clients, output);
    }

    /** Producers that wrote to the output, with the highest epoch each reached; empty when the broker won't say. */
    List<ChaosReport.Producer> producers() throws InterruptedException {
        Map<Long, int[]> byId = new TreeMap<>();
        try {
            admin.describeProducers(outputPartitions).all().get().values().forEach(state -> {
                for (ProducerState producer : state.activeProducers()) {
                    int[] epochAndPartitions = byId.computeIfAbsent(producer.producerId(), id -> new int[] {-1, 0});
                    epochAndPartitions[0] = Math.max(epochAndPartitions[0], producer.producerEpoch());
                    epochAndPartitions[1]++;
                }
            });
        } catch (ExecutionException e) {
            return List.of(); // an old broker or a missing permission: this evidence is optional
        }
        return byId.entrySet().stream()
                .map(e -> new ChaosReport.Producer(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /**
     * How many records a topic holds. A topic made a moment ago may not be known yet to its partitions' leader ("This
     * server does not host this topic-partition"), so such a metadata error is asked again, for a few seconds at most.
     */
    private long heldRecords(String topic) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + NEW_TOPIC_WAIT.toNanos();
        while (true) {
            try {
                List<TopicPartition> partitions = partitions(topic);
                return offsets(partitions, OffsetSpec.latest()) - offsets(partitions, OffsetSpec.earliest());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof InvalidMetadataException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private List<TopicPartition> partitions(String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private long offsets(List<TopicPartition> partitions, OffsetSpec spec) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
