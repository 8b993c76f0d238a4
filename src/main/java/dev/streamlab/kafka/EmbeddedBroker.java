package dev.streamlab.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real single-node Apache Kafka (KRaft, broker and controller in one process) running inside this JVM.
 *
 * <p>Its storage lives under {@code dataDir}: the first start formats it with a fresh cluster id, every later
 * start finds the same cluster, topics, records and committed offsets again (also after a crash).
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Where the KRaft controller listens: only this node talks to it. */
    public static final String CONTROLLER_HOST = "127.0.0.1";


    private final EmbeddedBrokerSettings settings;
    private KafkaRaftServer server;
    private String clusterId;

    public EmbeddedBroker(EmbeddedBrokerSettings settings) {
        this.settings = settings;
    }

    /** Formats storage when it is new and starts the node; returns once the broker accepts connections. */
    public void start() throws IOException {
        Path logDir = settings.dataDir().resolve("kafka");
        Files.createDirectories(logDir);
        KafkaConfig config = new KafkaConfig(brokerProperties(logDir), false);
        clusterId = existingClusterId(logDir);
        formatIfNew(config, logDir);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
    }

    public String bootstrapServers() {
        return hostPort(settings.advertisedHost(), settings.port());
    }

    public String clusterId() {
        return clusterId;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Map<String, String> brokerProperties(Path logDir) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // The quorum is this node talking to itself: on loopback, where no other machine reaches it and a wildcard
        // bind (which Kafka refuses as a voter's address) does not matter.
        p.put("controller.quorum.voters", "1@" + CONTROLLER_HOST + ":" + settings.controllerPort());
        p.put("listeners", "PLAINTEXT://" + hostPort(settings.bindHost(), settings.port())
                + ",CONTROLLER://" + CONTROLLER_HOST + ":" + settings.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + hostPort(settings.advertisedHost(), settings.port()));
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: the internal topics cannot be replicated, or groups and transactions would never work.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Learners start and stop consumers all the time; a rebalance delay would only look like a hang.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("controlled.shutdown.enable", "true");
        p.putAll(settings.overrides());
        return p;
    }

    private void formatIfNew(KafkaConfig config, Path logDir) throws IOException {
        if (clusterId != null) {
            return;
        }
        clusterId = Uuid.randomUuid().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setIgnoreFormatted(true)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IOException("could not format the broker's storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** The cluster id recorded by an earlier start, or null when the storage is new. */
    private static String existingClusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.exists(meta)) {
            return null;
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(meta)) {
            props.load(in);
        }
        return props.getProperty("cluster.id");
    }

    /** {@code host:port}, an IPv6 literal in brackets as Kafka's listeners want it. */
    private static String hostPort(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return (bare.contains(":") ? "[" + bare + "]" : bare) + ":" + port;
    }
}
