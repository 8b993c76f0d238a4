package dev.streamlab;

import dev.streamlab.config.LabSettings;
import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.KafkaClients;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** A started lab. Closing it stops the web server, then Kafka, then releases the data directory. */
public final class RunningLab implements AutoCloseable {
    private final LabSettings settings;
    private final String webHost;
    private final Optional<String> instructorLine;
    private final BrokerInfo broker;
    private final KafkaClients clients;
    private final int webPort;
    private final Duration brokerStartup;
    private final Deque<AutoCloseable> resources;

    RunningLab(LabSettings settings, String webHost, BrokerInfo broker, KafkaClients clients, int webPort,
               Duration brokerStartup, Optional<String> instructorLine, Deque<AutoCloseable> resources) {
        this.settings = settings;
        this.webHost = webHost;
        this.instructorLine = instructorLine;
        this.broker = broker;
        this.clients = clients;
        this.webPort = webPort;
        this.brokerStartup = brokerStartup;
        this.resources = new ArrayDeque<>(resources);
    }

    /** The address to open: a wildcard bind is shown as an address other machines reach. */
    public String webUrl() {
        return App.webUrl(webHost, webPort);
    }

    /** For a lab a class shares: the instructor's token and where to log in, to print once at start. */
    public Optional<String> instructorLine() {
        return instructorLine;
    }

    public BrokerInfo broker() {
        return broker;
    }

    public KafkaClients clients() {
        return clients;
    }

    /** How long the embedded broker took to start; zero for an external cluster. */
    public Duration brokerStartup() {
        return brokerStartup;
    }

    @Override
    public synchronized void close() {
        App.closeAll(resources);
    }
}
