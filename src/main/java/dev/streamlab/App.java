package dev.streamlab;

import dev.streamlab.config.ClientPropertiesFile;
import dev.streamlab.config.LabSettings;
import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.BrokerMode;
import dev.streamlab.kafka.ClusterProbe;
import dev.streamlab.kafka.ClusterStatus;
import dev.streamlab.kafka.EmbeddedBroker;
import dev.streamlab.kafka.EmbeddedBrokerSettings;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.process.ChildRecord;
import dev.streamlab.process.ChildRecords;
import dev.streamlab.web.live.HubSettings;
import dev.streamlab.web.Classroom;
import dev.streamlab.web.WebServer;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.kafka.common.KafkaException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Wires the lab from its settings: data directory, Kafka (embedded or external), web server. No domain logic. */
public final class App {
    /** How long one health probe waits; the page says "down" within about this long. */
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);

    private App() {
    }

    /** Starts everything or nothing: on failure whatever was started is stopped again before the exception. */
    public static RunningLab start(LabSettings settings, Clock clock) throws StartupException {
        return start(settings, clock, System.out::println);
    }

    /** As above; {@code console} gets the lines the lab has to say before it is ready (leftover processes it ended). */
    public static RunningLab start(LabSettings settings, Clock clock, Consumer<String> console) throws StartupException {
        Instant startedAt = clock.instant();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            requireLocalAddress("--host", settings.host());
            if (settings.embedded() && settings.kafkaHost().isPresent()) {
                requireLocalAddress("--kafka-host", settings.brokerHost());
            }
            String advertised = advertisedHost(settings);
            Classroom classroom = classroom(settings);
            Map<String, String> clientProperties = ClientPropertiesFile.load(settings.kafkaConfigFile());
            Ports.requireFree(settings.host(), settings.webPort(), "the web", "--port");
            DataDirectory dataDir = DataDirectory.open(settings.dataDir(), settings.fresh());
            started.push(dataDir);
            // This lab holds the directory's lock now, so whatever an earlier lab recorded there is a leftover.
            ChildRecords children = ChildRecords.in(dataDir.children());
            List<ChildRecord> leftovers = children.endLeftovers();
            if (!leftovers.isEmpty()) {
                console.accept(ChildRecords.describe(leftovers));
            }

            KafkaClients clients = new KafkaClients(settings.embedded()
                    ? Hosts.hostPort(advertised, settings.kafkaPort())
                    : settings.bootstrapServers().orElseThrow(), clientProperties);
            requireValidClientConfig(clients, settings);
            if (!settings.embedded()) {
                requireResolvable(clients.bootstrapServers());
            }
            BrokerInfo brokerInfo = BrokerInfo.of(settings.embedded() ? BrokerMode.EMBEDDED : BrokerMode.EXTERNAL,
                    clients.bootstrapServers());
            ClusterProbe probe = probe(clients, settings);
            started.push(probe);
            LabWeb web = LabWeb.build(QuestLoader.load(), brokerInfo, clients, probe::probe, clock, startedAt,
                    allowedHosts(settings), HubSettings.defaults(), dataDir.progress(), children, classroom);
            started.push(web);
            WebServer server = web.server();

            Duration brokerStartup = Duration.ZERO;
            if (settings.embedded()) {
                Ports.requireFree(settings.brokerHost(), settings.kafkaPort(), "the Kafka", "--kafka-port");
                // Jetty starts while Kafka does: on two cores that hides most of the web server's start-up.
                CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> server.start(settings.host(), settings.webPort()));
                EmbeddedBroker broker = new EmbeddedBroker(new EmbeddedBrokerSettings(
                        settings.brokerHost(), advertised, settings.kafkaPort(),
                        Ports.ephemeral(EmbeddedBroker.CONTROLLER_HOST, settings.kafkaPort(), settings.webPort()),
                        dataDir.path(), Map.of()));
                long t0 = System.nanoTime();
                try {
                    startBroker(broker, dataDir);
                } catch (StartupException e) {
                    listening.handle((ok, failed) -> null).join();
                    throw e;
                }
                started.push(broker);
                brokerStartup = Duration.ofNanos(System.nanoTime() - t0);
                // The web side closes first (demo consumers leave their groups while Kafka still runs).
                started.remove(web);
                started.push(web);
                awaitWeb(listening, settings);
                web.startLive();
            } else {
                ClusterStatus status = probe.probe();
                if (!status.reachable()) {
                    throw new StartupException("cannot reach Kafka at " + clients.bootstrapServers() + " within "
                            + settings.connectTimeout().toSeconds() + " s; check that the cluster runs and the address is right "
                            + "(and --kafka-config for SASL/SSL), or leave out --bootstrap-servers to use the lab's own broker");
                }
                awaitWeb(CompletableFuture.runAsync(() -> server.start(settings.host(), settings.webPort())), settings);
                web.startLive();
            }
            return new RunningLab(settings, webHost(settings), brokerInfo, clients, server.port(), brokerStartup,
                    instructorLine(settings, classroom), started);
        } catch (StartupException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** Kafka's own verdict on the user's client properties, as one line naming the file and the key. */
    private static void requireValidClientConfig(KafkaClients clients, LabSettings settings) throws StartupException {
        Optional<String> problem = clients.configProblem();
        if (problem.isEmpty()) {
            return;
        }
        // With no file the lab's own settings are all there is, and the bootstrap address was checked already.
        throw new StartupException(settings.kafkaConfigFile()
                .map(file -> "--kafka-config " + file.toAbsolutePath() + ": " + problem.get() + "; fix that line of the file")
                .orElse("the Kafka client settings are not valid: " + problem.get()));
    }

    /**
     * Kafka's clients refuse to be made when no bootstrap host resolves, with a stack trace; an address that
     * resolves but does not answer is the connect timeout's job. Some unresolvable hosts among good ones pass:
     * Kafka warns about them and uses the rest.
     */
    private static void requireResolvable(String servers) throws StartupException {
        List<String> hosts = Arrays.stream(servers.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .map(App::hostOf).toList();
        for (String host : hosts) {
            try {
                InetAddress.getAllByName(host);
                return;
            } catch (UnknownHostException e) {
                // try the next one
            }
        }
        throw new StartupException("--bootstrap-servers " + servers + ": no host of it is known here (" + String.join(", ", hosts)
                + "); check the name, or give an IP address");
    }

    /** The host of {@code [LISTENER://]HOST:PORT}, without IPv6 brackets. */
    private static String hostOf(String address) {
        String hostPort = address.contains("://") ? address.substring(address.indexOf("://") + 3) : address;
        String host = hostPort.substring(0, Math.max(0, hostPort.lastIndexOf(':')));
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The probe's Admin client is the lab's first client: what Kafka still refuses there (SSL files, JAAS) is one line. */
    private static ClusterProbe probe(KafkaClients clients, LabSettings settings) throws StartupException {
        try {
            return new ClusterProbe(clients, settings.embedded() ? PROBE_TIMEOUT : settings.connectTimeout());
        } catch (KafkaException e) {
            throw new StartupException("cannot make a Kafka client for " + clients.bootstrapServers() + " ("
                    + rootMessage(e) + "); check " + (settings.embedded() ? "--kafka-config"
                    : settings.kafkaConfigFile().isPresent() ? "--bootstrap-servers and --kafka-config" : "--bootstrap-servers"));
        }
    }

    private static void startBroker(EmbeddedBroker broker, DataDirectory dataDir) throws StartupException {
        try {
            broker.start();
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw new StartupException("the embedded Kafka broker did not start (" + rootMessage(e) + "); its data is in "
                    + dataDir.path().resolve("kafka") + ": run with --verbose to see Kafka's own log, or --fresh to start over");
        }
    }

    private static void awaitWeb(CompletableFuture<Void> web, LabSettings settings) throws StartupException {
        try {
            web.join();
        } catch (CompletionException e) {
            throw new StartupException("the web server could not listen on " + settings.host() + ":" + settings.webPort()
                    + " (" + rootMessage(e) + "); choose another port with --port");
        }
    }

    private static void requireLocalAddress(String option, String host) throws StartupException {
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StartupException(option + " " + host + " is not a known address; use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)");
        }
    }

    /**
     * Off loopback other machines reach the lab, so instructor actions need a token: the one given, or a new one the
     * lab prints. A token given on loopback guards the lab too (a class rehearsed on one laptop).
     */
    static Classroom classroom(LabSettings settings) {
        if (settings.instructorToken().isPresent()) {
            return Classroom.shared(settings.instructorToken().get());
        }
        if (Hosts.isLoopback(settings.host())) {
            return Classroom.alone();
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return Classroom.shared(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The line an instructor needs, printed once at start; a token they gave is not repeated on the console. */
    private static Optional<String> instructorLine(LabSettings settings, Classroom classroom) {
        return classroom.instructorToken().map(token -> "instructor token: "
                + (settings.instructorToken().isPresent() ? "the one given with --instructor-token or STREAMLAB_INSTRUCTOR_TOKEN" : token)
                + "; open " + webUrl(webHost(settings), settings.webPort()) + "/login");
    }

    static String webUrl(String host, int port) {
        return "http://" + Hosts.hostPort(host, port);
    }

    /** The address to open the lab at: a wildcard bind is shown as an address other machines reach. */
    static String webHost(LabSettings settings) {
        return Hosts.isWildcard(settings.host()) ? settings.advertisedHost().orElseGet(() -> Hosts.reachable(settings.host()))
                : settings.host();
    }

    /**
     * Names a browser may use for the lab besides localhost and IP literals (which {@code OriginPolicy} always allows):
     * the address it listens on, this machine's name and the names of {@code --allowed-hosts}.
     */
    static Set<String> allowedHosts(LabSettings settings) {
        String host = settings.host();
        Set<String> names = new HashSet<>(settings.allowedHosts());
        names.add(host);
        names.add(webHost(settings));
        names.add(advertisedHost(settings));
        // no host name: localhost and IP addresses still work
        Hosts.machineName().ifPresent(names::add);
        return names;
    }

    /** Clients must be told an address they can reach; a wildcard bind is not one. */
    static String advertisedHost(LabSettings settings) {
        return settings.advertisedHost().orElseGet(() -> Hosts.reachable(settings.brokerHost()));
    }

    static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception ignored) {
                // keep closing the rest; shutdown must not stop halfway
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
