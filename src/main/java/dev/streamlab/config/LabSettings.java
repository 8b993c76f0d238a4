package dev.streamlab.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the lab needs to start, validated once: ports are 1..65535 and differ, the timeout is 1 s to an hour,
 * bootstrap servers, when given, are HOST:PORT[,HOST:PORT] (never empty). With {@code bootstrapServers} present the
 * lab uses that cluster and starts no broker of its own. {@code allowedHosts} are extra host names the web server
 * answers to (besides localhost, IP addresses and this machine's name), lower case, each a plain host name without
 * scheme or port. {@code kafkaHost} is where the embedded broker listens (absent: with {@code host});
 * {@code advertisedHost} the address it tells clients to use (absent: chosen from the bind address, see
 * {@code App}); {@code instructorToken} the token instructor actions need (absent: the lab makes one when it is off
 * loopback), at least 16 visible characters.
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
                          List<String> allowedHosts,
                          Optional<String> kafkaHost,
                          Optional<String> advertisedHost,
                          Optional<String> instructorToken) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_WEB_PORT = 7070;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final String DEFAULT_DATA_DIR = "streamlab-data";
    /** Shorter tokens could be guessed by a class with a script; the lab's own are 32 characters. */
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final int MAX_TOKEN_LENGTH = 200;
    /** Kafka's client timeouts are int milliseconds; an hour is far past any useful wait and far from that limit. */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofHours(1);
    /**
     * One bootstrap address as Kafka's clients read it: an optional {@code LISTENER://}, a host name, IPv4 or
     * IPv6 literal (bracketed or not, as Kafka allows), a colon and a port.
     */
    private static final Pattern ADDRESS = Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_]*://)?(\\[[0-9A-Za-z:.%]+]|[0-9A-Za-z%._:-]+):([0-9]{1,5})");

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
        if (dataDir.toString().isBlank()) {
            throw new InvalidSettingException("--data-dir is empty; give a folder, or leave the option out to use ./"
                    + DEFAULT_DATA_DIR);
        }
        bootstrapServers = bootstrapServers.map(LabSettings::requireAddresses);
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw new InvalidSettingException("--connect-timeout must be 1 to " + MAX_CONNECT_TIMEOUT.toSeconds()
                    + " seconds, got " + connectTimeout.toSeconds());
        }
        allowedHosts = hostNames(allowedHosts);
        Objects.requireNonNull(kafkaHost, "kafkaHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(instructorToken, "instructorToken");
        kafkaHost = kafkaHost.map(String::strip);
        if (kafkaHost.isPresent() && kafkaHost.get().isEmpty()) {
            throw new InvalidSettingException("--kafka-host must not be empty (leave it out to listen where --host does)");
        }
        advertisedHost = advertisedHost.map(LabSettings::requireAdvertisable);
        instructorToken = instructorToken.map(LabSettings::requireToken);
    }

    /** Without extra host names: the lab answers to localhost, IP addresses and this machine's name only. */
    public LabSettings(String host, int webPort, int kafkaPort, Path dataDir, boolean fresh, Optional<String> bootstrapServers,
                       Optional<Path> kafkaConfigFile, boolean verbose, Duration connectTimeout, List<String> allowedHosts) {
        this(host, webPort, kafkaPort, dataDir, fresh, bootstrapServers, kafkaConfigFile, verbose, connectTimeout,
                allowedHosts, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Where the embedded broker listens: {@code --kafka-host}, or where the web server does. */
    public String brokerHost() {
        return kafkaHost.orElse(host);
    }

    /** A host clients can be sent to: a name or IP address, never a wildcard, which no client can connect to. */
    private static String requireAdvertisable(String typed) {
        String name = typed.strip();
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (bare.equals("0.0.0.0") || bare.equals("::")) {
            throw new InvalidSettingException("--advertised-host " + bare + " is a wildcard, which no client can connect to; "
                    + "give this machine's name or an address other machines reach it at");
        }
        if (bare.isEmpty() || bare.length() > 253 || !bare.matches("[A-Za-z0-9.:%_-]+")) {
            throw new InvalidSettingException("--advertised-host takes one host name or IP address, such as "
                    + "teacher-laptop.local or 192.168.1.20; \"" + printable(name) + "\" is not one (no scheme, port or path)");
        }
        return bare;
    }

    /** Never quoted back: a mistyped token is still close to the real one. */
    private static String requireToken(String token) {
        if (token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH || !token.matches("[\\x21-\\x7e]+")) {
            throw new InvalidSettingException("--instructor-token must be " + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH
                    + " visible ASCII characters without spaces; leave it out and the lab makes one");
        }
        return token;
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

    /**
     * The addresses, stripped, when each is HOST:PORT; otherwise the line names the one that is not. Empty is refused
     * here: leaving the lab's own broker must be asked for, and an empty value more likely is a script's unset variable.
     */
    private static String requireAddresses(String servers) {
        String stripped = servers.strip();
        if (stripped.isEmpty() || stripped.chars().allMatch(c -> c == ',' || Character.isWhitespace(c))) {
            throw new InvalidSettingException("--bootstrap-servers is empty; give HOST:PORT, or leave the option out to use "
                    + "the embedded broker");
        }
        for (String entry : stripped.split(",")) {
            String address = entry.strip();
            if (address.isEmpty()) {
                continue; // Kafka skips empty entries too ("a:9092,,b:9092")
            }
            Matcher m = ADDRESS.matcher(address);
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                throw new InvalidSettingException("--bootstrap-servers: '" + printable(address) + "' is not an address; "
                        + "give HOST:PORT[,HOST:PORT], e.g. localhost:9092");
            }
        }
        return stripped;
    }

    /** What the user typed, bounded and on one line, for quoting it back. */
    private static String printable(String typed) {
        String oneLine = typed.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
    }

    private static void requirePort(String flag, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException(flag + " must be a port between 1 and 65535, got " + port);
        }
    }
}
