package dev.streamlab;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.BrokerInfo;
import dev.streamlab.kafka.ClusterStatus;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.DemoConsumerView;
import dev.streamlab.kafka.actions.KafkaActions;
import dev.streamlab.kafka.aggregate.BatchStreamLab;
import dev.streamlab.kafka.guarantees.GuaranteesDesk;
import dev.streamlab.kafka.guarantees.WorkerSupervisor;
import dev.streamlab.kafka.monitor.ClusterMonitor;
import dev.streamlab.kafka.monitor.MonitorSettings;
import dev.streamlab.kafka.pipeline.PipelineListener;
import dev.streamlab.kafka.pipeline.PipelineStep;
import dev.streamlab.kafka.pipeline.Pipelines;
import dev.streamlab.kafka.pipeline.TopicPipelines;
import dev.streamlab.kafka.playback.PlaybackDesk;
import dev.streamlab.kafka.tail.LiveTails;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.QuestService;
import dev.streamlab.lab.progress.ProgressStore;
import dev.streamlab.process.ChildRecords;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Catalog;
import dev.streamlab.lab.validate.KafkaFacts;
import dev.streamlab.scenario.ScenarioCatalog;
import dev.streamlab.web.Classroom;
import dev.streamlab.web.TimeLab;
import dev.streamlab.lab.progress.LearnerKeys;
import java.security.SecureRandom;
import dev.streamlab.web.WebContext;
import dev.streamlab.web.WebServer;
import dev.streamlab.web.live.BatchStreamFeed;
import dev.streamlab.web.live.ClassroomSources;
import dev.streamlab.web.live.GuaranteesFeed;
import dev.streamlab.web.live.HubSettings;
import dev.streamlab.web.live.KafkaSubjects;
import dev.streamlab.web.live.LiveHub;
import dev.streamlab.web.live.PlaybackFeed;
import dev.streamlab.web.live.PlaybackView;
import dev.streamlab.web.live.StepView;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The web side of a lab around one Kafka address: cluster monitor, record tails, REST actions, the time lab's
 * pipelines and playback, the delivery-guarantees workers, chapter 1's batch-versus-stream demo, the quest (checks on
 * the broker, learners' progress kept in {@code progressFolder}), live hub and web server. App builds it for the real lab
 * and tests build it around the test broker, so both run the same wiring.
 * Nothing talks to Kafka until {@link #startLive()}; {@link #close()} stops everything in reverse order.
 */
public final class LabWeb implements AutoCloseable {
    /**
     * Three polls a second, and a call that takes 1 s means Kafka is not answering: a page says so within 2 s
     * (a poll's wait plus the hub's next frame).
     */
    static final MonitorSettings MONITOR = new MonitorSettings(Duration.ofMillis(333), Duration.ofMillis(1000),
            Duration.ofMinutes(10));
    /** A live tail shows a newcomer this many of each partition's latest records. */
    static final int RECENT_PER_TOPIC = 60;

    private final ClusterMonitor monitor;
    private final LiveTails tails;
    private final KafkaActions actions;
    private final Pipelines pipelines;
    private final PlaybackDesk playback;
    private final GuaranteesDesk guarantees;
    private final BatchStreamLab batchStream;
    private final LiveHub hub;
    private final KafkaSubjects subjects;
    private final WebServer server;
    private boolean live;

    private LabWeb(ClusterMonitor monitor, LiveTails tails, KafkaActions actions, Pipelines pipelines,
                   PlaybackDesk playback, GuaranteesDesk guarantees, BatchStreamLab batchStream, KafkaSubjects subjects,
                   LiveHub hub, WebServer server) {
        this.guarantees = guarantees;
        this.batchStream = batchStream;
        this.monitor = monitor;
        this.tails = tails;
        this.actions = actions;
        this.pipelines = pipelines;
        this.playback = playback;
        this.subjects = subjects;
        this.hub = hub;
        this.server = server;
    }

    /** Builds every part; none of them connects to Kafka yet. Its child processes are not recorded anywhere. */
    public static LabWeb build(Quest quest, BrokerInfo broker, KafkaClients clients, Supplier<ClusterStatus> status,
                               Clock clock, Instant startedAt, Set<String> allowedHosts, HubSettings hubSettings,
                               Path progressFolder) {
        return build(quest, broker, clients, status, clock, startedAt, allowedHosts, hubSettings, progressFolder,
                ChildRecords.none());
    }

    /** As above, with the child processes it starts (the guarantees workers) noted in {@code children}. */
    public static LabWeb build(Quest quest, BrokerInfo broker, KafkaClients clients, Supplier<ClusterStatus> status,
                               Clock clock, Instant startedAt, Set<String> allowedHosts, HubSettings hubSettings,
                               Path progressFolder, ChildRecords children) {
        return build(quest, broker, clients, status, clock, startedAt, allowedHosts, hubSettings, progressFolder,
                children, Classroom.alone());
    }

    /** As above, for a lab a class may share: {@code classroom} holds the instructor's token, if any. */
    public static LabWeb build(Quest quest, BrokerInfo broker, KafkaClients clients, Supplier<ClusterStatus> status,
                               Clock clock, Instant startedAt, Set<String> allowedHosts, HubSettings hubSettings,
                               Path progressFolder, ChildRecords children, Classroom classroom) {
        Objects.requireNonNull(clients, "clients");
        ClusterMonitor monitor = new ClusterMonitor(clients, MONITOR, clock);
        KafkaFacts facts = new KafkaFacts(clients, monitor);
        QuestService learning = new QuestService(quest, Catalog::standard, new BrokerFacts(facts, facts, facts, clients, clock),
                new ProgressStore(progressFolder), clock);
        LiveTails tails = new LiveTails(clients, RECENT_PER_TOPIC);
        KafkaActions actions = KafkaActions.open(clients);
        ObjectMapper json = WebServer.jsonMapper();
        PlaybackFeed feed = new PlaybackFeed(json);
        Pipelines pipelines = new Pipelines(clients);
        PlaybackDesk playback = new PlaybackDesk(clients, pipelines, ScenarioCatalog.load(), feed.listener());
        TopicPipelines topicPipelines = new TopicPipelines(pipelines, (run, spec) -> new PipelineListener() {
            private int index;

            @Override
            public void onStep(PipelineStep step) {
                feed.step(run, StepView.of(index++, step));
            }
        });
        Runnable pipelinesChanged = () -> {
            Map<String, Object> byTopic = new LinkedHashMap<>();
            List<String> runs = new ArrayList<>();
            for (TopicPipelines.Started s : topicPipelines.list()) {
                byTopic.put(s.spec().inputTopic(), Map.of("topic", s.spec().inputTopic(), "output", s.spec().outputTopic(),
                        "late", s.spec().lateTopic(), "run", s.run(), "config", PlaybackView.config(s.spec().config())));
                runs.add(s.run());
            }
            feed.pipelines(byTopic, runs);
        };
        GuaranteesFeed guaranteesFeed = new GuaranteesFeed(json);
        GuaranteesDesk guarantees = new GuaranteesDesk(clients, WorkerSupervisor.ownClasspath(), guaranteesFeed::update,
                children);
        BatchStreamLab batchStream = new BatchStreamLab(clients, clock);
        KafkaSubjects subjects = new KafkaSubjects(monitor, tails, clients, () -> demoConsumers(actions), feed,
                guaranteesFeed, new BatchStreamFeed(batchStream, json), json);
        ClassroomSources classroomFeeds = new ClassroomSources(subjects, json);
        LiveHub hub = new LiveHub(classroomFeeds, hubSettings, WebServer.jsonMapper(), clock);
        WebServer server = new WebServer(new WebContext(learning, broker, status, clock, startedAt, actions,
                new TimeLab(playback, topicPipelines, pipelinesChanged,
                        listener -> new PlaybackDesk(clients, pipelines, playback.catalog(), listener)), guarantees, batchStream, hub,
                () -> {
                    monitor.refreshNow();
                    subjects.consumersChanged();
                }, allowedHosts, classroom, new LearnerKeys(progressFolder, new SecureRandom()), classroomFeeds));
        return new LabWeb(monitor, tails, actions, pipelines, playback, guarantees, batchStream, subjects, hub, server);
    }

    /** Starts watching Kafka and pushing to pages; call once Kafka may be there. */
    public synchronized LabWeb startLive() {
        if (!live) {
            live = true;
            monitor.start();
            hub.start();
        }
        return this;
    }

    private static Map<String, ?> demoConsumers(KafkaActions actions) {
        Map<String, DemoConsumerView> byId = new LinkedHashMap<>();
        for (DemoConsumerView view : actions.consumers().list()) {
            byId.put(view.id(), view);
        }
        return byId;
    }

    public WebServer server() {
        return server;
    }

    public LiveHub hub() {
        return hub;
    }

    /** The shared live tails, so a test can see which topics the lab still tails. */
    public LiveTails tails() {
        return tails;
    }

    public ClusterMonitor monitor() {
        return monitor;
    }

    public PlaybackDesk playback() {
        return playback;
    }

    public KafkaActions actions() {
        return actions;
    }

    public BatchStreamLab batchStream() {
        return batchStream;
    }

    @Override
    public void close() {
        closeQuietly(server);
        closeQuietly(hub);
        closeQuietly(subjects);
        closeQuietly(guarantees);
        closeQuietly(batchStream);
        closeQuietly(playback);
        closeQuietly(pipelines);
        closeQuietly(tails);
        closeQuietly(actions); // demo consumers leave their groups while Kafka still runs
        closeQuietly(monitor);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // keep closing the rest
        }
    }
}
