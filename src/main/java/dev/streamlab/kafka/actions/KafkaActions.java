package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaClients;

import java.time.Duration;

/**
 * The lab's Kafka actions, built around one Admin client and one producer that live as long as the lab (both made on
 * first use, so opening this costs nothing and connects to nothing). Closing it stops the demo consumers, then
 * closes the producer and the Admin client.
 */
public final class KafkaActions implements AutoCloseable {
    /** How long an action waits for Kafka before it reports the broker as not answering. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Cluster cluster;
    private final TopicActions topics;
    private final RecordProducer records;
    private final DemoConsumers consumers;
    private final GroupActions groups;

    private KafkaActions(KafkaClients clients, int maxDemoConsumers) {
        this.cluster = new Cluster(() -> clients.admin("streamlab-actions", (int) TIMEOUT.toMillis()),
                clients.bootstrapServers(), TIMEOUT);
        this.topics = new TopicActions(cluster);
        this.records = new RecordProducer(cluster, clients);
        this.consumers = new DemoConsumers(cluster, clients, maxDemoConsumers);
        this.groups = new GroupActions(cluster, consumers::idsInGroup);
    }

    /** Actions on the cluster {@code clients} reaches, with up to {@link DemoConsumers#DEFAULT_LIMIT} demo consumers. */
    public static KafkaActions open(KafkaClients clients) {
        return open(clients, DemoConsumers.DEFAULT_LIMIT);
    }

    public static KafkaActions open(KafkaClients clients, int maxDemoConsumers) {
        if (maxDemoConsumers < 1) {
            throw new IllegalArgumentException("maxDemoConsumers must be at least 1, got " + maxDemoConsumers);
        }
        return new KafkaActions(clients, maxDemoConsumers);
    }

    public TopicActions topics() {
        return topics;
    }

    public RecordProducer records() {
        return records;
    }

    public DemoConsumers consumers() {
        return consumers;
    }

    public GroupActions groups() {
        return groups;
    }

    @Override
    public void close() {
        try {
            consumers.close();
        } finally {
            try {
                records.close();
            } finally {
                cluster.close();
            }
        }
    }
}
