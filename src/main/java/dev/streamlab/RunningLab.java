package dev.streamlab;

import dev.streamlab.config.LabSettings;
import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.KafkaClients;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** A started lab. Closing it stops the web server, then Kafka, then releases the data directory. */
public final class RunningLab implements AutoCloseable {
    private final LabSettings settings;
    private final BrokerInfo broker;
    private final KafkaClients clients;
    private final int webPort;
    private final Duration brokerStartup;
    private final Deque<AutoCloseable> resources;

    RunningLab(LabSettings settings, BrokerInfo broker, KafkaClients clients, int webPort, Duration brokerStartup,
               Deque<AutoCloseable> resources) {
        this.settings = settings;
        this.broker = broker;
        this.clients = clients;
        this.webPort = webPort;
        this.brokerStartup = brokerStartup;
        this.resources = new ArrayDeque<>(resources);
    }

    /** The address to open: a wildcard bind is shown as this machine's name, which a browser can reach. */
    public String webUrl() {
        String reachable = App.advertisedHost(settings.host());
        String host = reachable.contains(":") ? "[" + reachable + "]" : reachable;
        return "http://" + host + ":" + webPort;
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
