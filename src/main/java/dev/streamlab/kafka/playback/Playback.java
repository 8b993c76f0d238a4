package dev.streamlab.kafka.playback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.engine.EngineBudget;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.pipeline.PipelineException;
import dev.streamlab.kafka.pipeline.PipelineListener;
import dev.streamlab.kafka.pipeline.PipelineSpec;
import dev.streamlab.kafka.pipeline.Pipelines;
import dev.streamlab.kafka.pipeline.WindowedPipeline;
import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lockstep playback of a scenario onto Kafka: each {@link #step()} produces the next event as one record to its
 * partition of {@code <runId>-input} (value {@code {"key","ts","value"}}, header {@code streamlab-arrival-ms} = the
 * event's arrivalMs) and waits until the pipeline has processed it and its outputs are in {@code <runId>-output} and
 * {@code <runId>-late}. The pipeline's processing clock is virtual and starts at 0, as {@code Scenarios.run}'s does,
 * so the topics end up holding exactly what the engine gives for the scenario.
 *
 * <p>Stepping back restarts on fresh topics (run id {@code <runId>-r<n>}) and replays every action but the last,
 * injected late events included, so it is deterministic. All methods are safe to call from any thread.
 */
public final class Playback implements AutoCloseable {
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 10;
    public static final long MIN_STEP_GAP_MS = 100;
    /**
     * At 1× an average step lasts this long. A scenario's arrivals are minutes apart (the 11:59 order arrives 25
     * minutes after the first one), far too slow to watch in real time; its processing time is the scenario's own
     * clock, not the wall clock, so the pace changes nothing but how long a person waits.
     */
    public static final long STEP_MS_AT_1X = 1500;

    private static final Logger LOG = LoggerFactory.getLogger(Playback.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One thing played: a scenario event, an injected late event, or end of input ({@code event == null}). */
    private record Action(ScenarioEvent event, boolean injected) {
    }

    private final KafkaClients clients;
    private final Pipelines pipelines;
    private final Scenario scenario;
    private final String baseRunId;
    private final Function<String, PipelineListener> listeners;
    private final KafkaProducer<String, String> producer;
    private final ScheduledExecutorService scheduler;

    private final List<Action> history = new ArrayList<>();
    private int generation;
    private String runId;
    private WindowedPipeline pipeline;
    private int position;
    private boolean ended;
    private long lastArrivalMs;
    private double speed = 1;
    private ScheduledFuture<?> playing;
    private boolean closed;

    public Playback(KafkaClients clients, Pipelines pipelines, Scenario scenario, String runId, PipelineListener listener) {
        this(clients, pipelines, (Function<String, PipelineListener>) run -> listener == null ? PipelineListener.NONE : listener,
                scenario, runId);
    }

    /** With a listener per run, so what hears the steps knows which run (topics) they belong to. */
    public static Playback withListenerPerRun(KafkaClients clients, Pipelines pipelines, Scenario scenario, String runId,
                                              Function<String, PipelineListener> listeners) {
        return new Playback(clients, pipelines, listeners, scenario, runId);
    }

    private Playback(KafkaClients clients, Pipelines pipelines, Function<String, PipelineListener> listeners,
                     Scenario scenario, String runId) {
        if (clients == null || pipelines == null || scenario == null || runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("clients, pipelines, scenario and runId are required");
        }
        this.clients = clients;
        this.pipelines = pipelines;
        this.scenario = scenario;
        this.baseRunId = runId;
        this.listeners = listeners == null ? run -> PipelineListener.NONE : listeners;
        this.producer = new KafkaProducer<>(clients.config(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "streamlab-playback-" + runId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0)));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamlab-playback-" + runId);
            t.setDaemon(true);
            return t;
        });
        try {
            synchronized (this) {
                fresh();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Plays the next scenario event and returns its index; after the last event, feeds end of input and returns
     * {@code total}; after that, does nothing and returns -1.
     */
    public synchronized int step() {
        checkOpen();
        if (position < scenario.events().size()) {
            ScenarioEvent event = scenario.events().get(position);
            play(event);
            history.add(new Action(event, false));
            return position++;
        }
        if (!ended) {
            pipeline.endOfInput(STEP_TIMEOUT);
            ended = true;
            history.add(new Action(null, false));
            return position;
        }
        return -1;
    }

    /** Undoes the last action: fresh topics and pipeline, then every earlier action replayed at once. */
    public synchronized void stepBack() {
        checkOpen();
        if (history.isEmpty()) {
            return;
        }
        List<Action> replay = new ArrayList<>(history.subList(0, history.size() - 1));
        fresh();
        for (Action action : replay) {
            if (action.event() == null) {
                pipeline.endOfInput(STEP_TIMEOUT);
                ended = true;
            } else {
                play(action.event());
                if (!action.injected()) {
                    position++;
                }
            }
            history.add(action);
        }
    }

    /** Back to the start on fresh topics; stops playing. */
    public synchronized void restart() {
        checkOpen();
        pause();
        fresh();
    }

    /**
     * Produces an extra event for {@code key} whose event time is the current combined watermark minus
     * {@code lateByMs} to partition 0 (at the current processing time) and waits for it, like {@link #step()}.
     * With {@code lateByMs >= 0} and allowed lateness 0 it lands on the late side output. Returns its event time.
     */
    public synchronized long injectLate(String key, long lateByMs) {
        checkOpen();
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("say which key the late event has");
        }
        if (lateByMs < 0) {
            throw new IllegalArgumentException("lateByMs must be >= 0, was " + lateByMs);
        }
        if (ended) {
            throw new IllegalStateException("the input has ended; step back or restart to inject a late event");
        }
        long watermark = pipeline.snapshot().watermark();
        if (watermark == Long.MIN_VALUE) {
            throw new IllegalStateException("there is no watermark yet; step until one appears");
        }
        long injected = history.stream().filter(Action::injected).count();
        // every injection is replayed on each step back, so they count towards the scenario's event budget
        EngineBudget.DEFAULT.checkEvents(scenario.config(), scenario.events().size() + injected + 1);
        long ts = Math.max(0, watermark - lateByMs);
        ScenarioEvent event = new ScenarioEvent(key, ts, 1.0, 0, lastArrivalMs);
        play(event);
        history.add(new Action(event, true));
        return ts;
    }

    /**
     * Steps on its own at {@code speed} (clamped to 0.25..10): at 1× an average step takes {@value #STEP_MS_AT_1X} ms,
     * and each step's share follows its arrival gap (between a third and twice the average), at least 100 ms apart.
     */
    public synchronized void play(double requestedSpeed) {
        checkOpen();
        if (Double.isNaN(requestedSpeed)) {
            throw new IllegalArgumentException("speed must be a number");
        }
        speed = Math.max(MIN_SPEED, Math.min(MAX_SPEED, requestedSpeed));
        if (playing != null) {
            playing.cancel(false);
        }
        playing = scheduler.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    }

    public synchronized void pause() {
        if (playing != null) {
            playing.cancel(false);
            playing = null;
        }
    }

    public synchronized PlaybackState state() {
        int injected = (int) history.stream().filter(Action::injected).count();
        return new PlaybackState(scenario.id(), runId, runId + "-input", runId + "-output", runId + "-late", position,
                scenario.events().size(), ended, playing != null, speed, injected);
    }

    /** The pipeline of the current run. */
    public synchronized WindowedPipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pause();
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (runId != null) {
                pipelines.stop(runId);
                deleteTopicsOf(runId);
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void tick() {
        long delay;
        synchronized (this) {
            if (closed || playing == null) {
                return;
            }
            try {
                step();
            } catch (RuntimeException e) {
                LOG.warn("playback {} stopped playing: {}", runId, e.toString());
                playing = null;
                return;
            }
            if (ended) {
                playing = null;
                return;
            }
            long gap = position < scenario.events().size() ? scenario.events().get(position).arrivalMs() - lastArrivalMs : 0;
            delay = Math.max(MIN_STEP_GAP_MS, (long) (STEP_MS_AT_1X * shareOfAverage(gap) / speed));
            playing = scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** {@code gap} against the scenario's average arrival gap, between 1/3 and 2 (1 when all arrive at once). */
    private double shareOfAverage(long gap) {
        List<ScenarioEvent> events = scenario.events();
        long span = events.isEmpty() ? 0 : events.get(events.size() - 1).arrivalMs() - events.get(0).arrivalMs();
        if (events.size() < 2 || span <= 0) {
            return 1;
        }
        double average = (double) span / (events.size() - 1);
        return Math.max(1.0 / 3, Math.min(2, Math.max(0, gap) / average));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the playback is closed");
        }
    }

    /** New topics and a new pipeline; position, history and clock back to the start. */
    private void fresh() {
        String old = runId;
        generation++;
        runId = generation == 1 ? baseRunId : baseRunId + "-r" + generation;
        if (old != null) {
            pipelines.stop(old);
            deleteTopicsOf(old);
        }
        createInput(runId + "-input", scenario.config().partitions());
        pipeline = pipelines.startVirtual(new PipelineSpec(runId, runId + "-input", runId + "-output", runId + "-late",
                scenario.config()), listeners.apply(runId), 0);
        history.clear();
        position = 0;
        ended = false;
        lastArrivalMs = 0;
    }

    /**
     * A superseded run's topics go, so an afternoon of stepping back leaves no hundreds of topics behind; a learner's
     * consumer follows the current run's topics, which the page names.
     */
    private void deleteTopicsOf(String run) {
        try (Admin admin = clients.admin("streamlab-playback-admin-" + run, 5_000)) {
            admin.deleteTopics(List.of(run + "-input", run + "-output", run + "-late")).all().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("could not delete the topics of playback run {}: {}", run, e.toString());
        }
    }

    private void createInput(String topic, int partitions) {
        try (Admin admin = clients.admin("streamlab-playback-admin-" + runId, 10_000)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1))).all().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while creating " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PipelineException("cannot create " + topic + ": " + cause.getMessage(), cause);
        }
    }

    /** Produces one event to its partition with its arrival time, then waits until the pipeline has processed it. */
    private void play(ScenarioEvent event) {
        ObjectNode value = MAPPER.createObjectNode();
        value.put("key", event.key());
        value.put("ts", event.ts());
        value.put("value", event.value());
        ProducerRecord<String, String> record = new ProducerRecord<>(runId + "-input", event.partition(), event.ts(),
                event.key(), value.toString());
        record.headers().add(new RecordHeader(WindowedPipeline.ARRIVAL_HEADER,
                Long.toString(event.arrivalMs()).getBytes(StandardCharsets.US_ASCII)));
        RecordMetadata metadata;
        try {
            metadata = producer.send(record).get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while producing", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PipelineException("cannot produce to " + record.topic() + ": " + cause.getMessage(), cause);
        }
        pipeline.awaitProcessed(metadata.partition(), metadata.offset(), STEP_TIMEOUT);
        lastArrivalMs = Math.max(lastArrivalMs, event.arrivalMs());
    }
}
