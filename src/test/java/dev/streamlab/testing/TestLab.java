package dev.streamlab.testing;

import dev.streamlab.LabWeb;
import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.BrokerMode;
import dev.streamlab.kafka.ClusterProbe;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.process.ChildRecords;
import dev.streamlab.web.Classroom;
import dev.streamlab.web.live.HubSettings;
import dev.streamlab.web.live.LiveHub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The lab's whole web side (monitor, tails, actions, hub, server) on a free port, in front of a Kafka address. */
public final class TestLab implements AutoCloseable {
    private final ClusterProbe probe;
    private final LabWeb web;
    private final int port;
    private final java.nio.file.Path progress;

    private TestLab(ClusterProbe probe, LabWeb web, int port, java.nio.file.Path progress) {
        this.probe = probe;
        this.web = web;
        this.port = port;
        this.progress = progress;
    }

    public static TestLab start(String bootstrap) {
        return start(bootstrap, HubSettings.defaults(), Clock.systemUTC());
    }

    public static TestLab start(String bootstrap, HubSettings hub) {
        return start(bootstrap, hub, Clock.systemUTC());
    }

    public static TestLab start(String bootstrap, HubSettings hub, Clock clock) {
        return start(bootstrap, hub, clock, clock.instant());
    }

    /** With a clock and start time of the test's choosing (uptime is their difference). */
    public static TestLab start(String bootstrap, HubSettings hub, Clock clock, Instant startedAt) {
        return start(bootstrap, hub, clock, startedAt, Classroom.alone());
    }

    /** A lab a class shares, as off loopback: instructor actions need {@code token}, learners' names their keys. */
    public static TestLab shared(String bootstrap, String token) {
        Clock clock = Clock.systemUTC();
        return start(bootstrap, HubSettings.defaults(), clock, clock.instant(), Classroom.shared(token));
    }

    private static TestLab start(String bootstrap, HubSettings hub, Clock clock, Instant startedAt, Classroom classroom) {
        KafkaClients clients = new KafkaClients(bootstrap, Map.of());
        ClusterProbe probe = new ClusterProbe(clients, Duration.ofMillis(1500));
        java.nio.file.Path progress = newProgressFolder();
        LabWeb web = LabWeb.build(QuestLoader.load(), BrokerInfo.of(BrokerMode.EMBEDDED, bootstrap), clients, probe::probe,
                clock, startedAt, Set.of(), hub, progress, ChildRecords.none(), classroom);
        int port = FreePorts.next();
        web.server().start("127.0.0.1", port);
        web.startLive();
        return new TestLab(probe, web, port, progress);
    }

    /** Each test lab keeps its learners' progress in a fresh folder of its own. */
    private static java.nio.file.Path newProgressFolder() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("streamlab-progress");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** Where this lab keeps its learners' progress, one JSON file per learner. */
    public java.nio.file.Path progressFolder() {
        return progress;
    }

    /** The file of one learner's progress, named as {@code LearnerName} names it (their name in URL-safe base64). */
    public java.nio.file.Path progressFileOf(String learner) {
        return progress.resolve(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(learner.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".json");
    }

    public LiveHub hub() {
        return web.hub();
    }

    public LabWeb web() {
        return web;
    }

    @Override
    public void close() {
        web.close();
        probe.close();
    }
}
