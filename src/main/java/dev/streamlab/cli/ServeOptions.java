package dev.streamlab.cli;

import dev.streamlab.config.LabSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The options of {@code serve}; each can also come from the environment variable named in its help. */
public final class ServeOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${STREAMLAB_PORT:-7070}",
            description = "Web server port (env STREAMLAB_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "${STREAMLAB_KAFKA_PORT:-9092}",
            description = "Port of the embedded Kafka broker (env STREAMLAB_KAFKA_PORT, default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${STREAMLAB_HOST:-127.0.0.1}",
            description = "Address the web server and the embedded broker listen on; 0.0.0.0 for every interface "
                    + "(env STREAMLAB_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${STREAMLAB_DATA_DIR:-streamlab-data}",
            description = "Where broker logs and the lab's own state live; they survive restarts "
                    + "(env STREAMLAB_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", defaultValue = "${STREAMLAB_FRESH:-false}",
            description = "Wipe the broker's data first: every topic, record and offset. Learners' progress is kept; reset it on the home page (env STREAMLAB_FRESH).")
    boolean fresh;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = "${STREAMLAB_BOOTSTRAP_SERVERS}",
            description = "Use this Kafka cluster instead of starting the embedded broker (env STREAMLAB_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${STREAMLAB_KAFKA_CONFIG}",
            description = "Extra Kafka client properties for every client of the lab, e.g. SASL/SSL settings for "
                    + "a real cluster (env STREAMLAB_KAFKA_CONFIG).")
    Path kafkaConfig;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "${STREAMLAB_CONNECT_TIMEOUT:-10}",
            description = "How long to wait for an external cluster at start-up (env STREAMLAB_CONNECT_TIMEOUT, default ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = {"-v", "--verbose"}, defaultValue = "${STREAMLAB_VERBOSE:-false}",
            description = "Show Kafka's and Jetty's own logs (otherwise only warnings) (env STREAMLAB_VERBOSE).")
    boolean verbose;

    @Option(names = "--allowed-hosts", paramLabel = "NAME[,...]", split = ",", defaultValue = "${STREAMLAB_ALLOWED_HOSTS}",
            description = "More host names the lab answers to, besides localhost, IP addresses and this machine's name, "
                    + "e.g. a classroom's DNS name (env STREAMLAB_ALLOWED_HOSTS).")
    List<String> allowedHosts;

    LabSettings toSettings() {
        return new LabSettings(host, port, kafkaPort, dataDir, fresh, Optional.ofNullable(bootstrapServers),
                Optional.ofNullable(kafkaConfig), verbose, Duration.ofSeconds(connectTimeoutSeconds),
                allowedHosts == null ? List.of() : allowedHosts);
    }
}
