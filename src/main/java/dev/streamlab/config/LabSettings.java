package dev.streamlab.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the lab needs to start, validated once: ports are 1..65535 and differ, the timeout is positive.
 * With {@code bootstrapServers} present the lab uses that cluster and starts no broker of its own.
 * {@code allowedHosts} are extra host names the web server answers to (besides localhost, IP addresses and this
 * machine's name), lower case, each a plain host name without scheme or port.
 */
public record LabSettings(String host,
                          int webPort,
                          int kafkaPort,
                          Path dataDir,
                          boolean fresh,
                          Optional<String> bootstrapServers,
                          Optional<Path> kafkaConfigFile,
                          boolean verbose,
                          Duration connectTimeout,
                          List<String> allowedHosts) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_WEB_PORT = 7070;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final String DEFAULT_DATA_DIR = "streamlab-data";

    public LabSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(kafkaConfigFile, "kafkaConfigFile");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (host.isBlank()) {
            throw new InvalidSettingException("--host must not be empty (use 127.0.0.1, or 0.0.0.0 for every interface)");
        }
        requirePort("--port", webPort);
        requirePort("--kafka-port", kafkaPort);
        if (bootstrapServers.isEmpty() && webPort == kafkaPort) {
            throw new InvalidSettingException("--port and --kafka-port are both " + webPort + "; give them different values");
        }
        bootstrapServers = bootstrapServers.map(String::strip).filter(s -> !s.isEmpty());
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new InvalidSettingException("--connect-timeout must be at least 1 second, got " + connectTimeout.toSeconds());
        }
        allowedHosts = hostNames(allowedHosts);
    }

    /** Without extra host names: the lab answers to localhost, IP addresses and this machine's name only. */
    public LabSettings(String host, int webPort, int kafkaPort, Path dataDir, boolean fresh, Optional<String> bootstrapServers,
                       Optional<Path> kafkaConfigFile, boolean verbose, Duration connectTimeout) {
        this(host, webPort, kafkaPort, dataDir, fresh, bootstrapServers, kafkaConfigFile, verbose, connectTimeout, List.of());
    }

    /** A name as a browser puts it in the Host header: letters, digits, '-' and '.', no scheme, port or path. */
    private static List<String> hostNames(List<String> names) {
        Objects.requireNonNull(names, "allowedHosts");
        return names.stream().map(String::strip).filter(n -> !n.isEmpty()).map(n -> {
            if (n.length() > 253 || !n.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw new InvalidSettingException("--allowed-hosts takes host names separated by commas, such as "
                        + "lab.school.example,teacher-laptop; \"" + (n.length() > 60 ? n.substring(0, 60) + "..." : n)
                        + "\" is not one (no scheme, port or path)");
            }
            return n.toLowerCase(Locale.ROOT);
        }).distinct().toList();
    }

    public boolean embedded() {
        return bootstrapServers.isEmpty();
    }

    private static void requirePort(String flag, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(flag + " must be a port between 1 and 65535, got " + port);
        }
    }
}
