package dev.streamlab.cli;

import dev.streamlab.config.LabSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = "--kafka-host", paramLabel = "ADDRESS", defaultValue = "${STREAMLAB_KAFKA_HOST}",
            description = "Address the embedded broker listens on, when not where --host says (env STREAMLAB_KAFKA_HOST).")
    String kafkaHost;

    @Option(names = "--advertised-host", paramLabel = "NAME", defaultValue = "${STREAMLAB_ADVERTISED_HOST}",
            description = "The name or address the embedded broker tells clients to connect to; by default the bind "
                    + "address, or for 0.0.0.0 an address other machines reach (env STREAMLAB_ADVERTISED_HOST).")
    String advertisedHost;

    @Option(names = "--instructor-token", paramLabel = "TOKEN", defaultValue = "${STREAMLAB_INSTRUCTOR_TOKEN}",
            description = "The token instructor actions need off loopback; by default the lab makes one and prints it "
                    + "(env STREAMLAB_INSTRUCTOR_TOKEN, which keeps it out of the process list).")
    String instructorToken;

    /** The command this mixin belongs to, to tell an option typed on the command line from its environment default. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    LabSettings toSettings() {
        return new LabSettings(fromEnvIfBlank("--host", host, LabSettings.DEFAULT_HOST), port, kafkaPort,
                Path.of(fromEnvIfBlank("--data-dir", dataDir.toString(), LabSettings.DEFAULT_DATA_DIR)), fresh,
                Optional.ofNullable(fromEnvIfBlank("--bootstrap-servers", bootstrapServers, null)),
                Optional.ofNullable(kafkaConfig == null ? null : fromEnvIfBlank("--kafka-config", kafkaConfig.toString(), null))
                        .map(Path::of),
                verbose, Duration.ofSeconds(connectTimeoutSeconds),
                allowedHosts == null ? List.of() : allowedHosts,
                Optional.ofNullable(fromEnvIfBlank("--kafka-host", kafkaHost, null)),
                Optional.ofNullable(fromEnvIfBlank("--advertised-host", advertisedHost, null)),
                Optional.ofNullable(fromEnvIfBlank("--instructor-token", instructorToken, null)));
    }

    /**
     * An empty value typed on the command line ({@code --bootstrap-servers ''}) is kept, for {@link LabSettings} to
     * refuse: the user asked for something and named nothing. An empty environment variable
     * ({@code STREAMLAB_BOOTSTRAP_SERVERS=}) counts as unset, as it does for most programs and for the shell's
     * {@code ${VAR:-default}}: it is how scripts and compose files clear a variable, so it means the default (for
     * bootstrap servers: no external cluster, the embedded broker).
     */
    private String fromEnvIfBlank(String option, String value, String defaultValue) {
        boolean typed = command != null && command.commandLine() != null
                && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(option);
        return !typed && value != null && value.isBlank() ? defaultValue : value;
    }
}
