package dev.streamlab.kafka.playback;

import dev.streamlab.engine.EngineBudget;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.pipeline.PipelineListener;
import dev.streamlab.kafka.pipeline.PipelineStep;
import dev.streamlab.kafka.pipeline.Pipelines;
import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioCatalog;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lab's one scenario playback (an instructor projects one): loads a scenario from the catalog, with the
 * controls' changes to its windows and watermarks, and passes playback controls on. Listeners hear every pipeline
 * step tagged with its run, and every change of state.
 */
public final class PlaybackDesk implements AutoCloseable {
    /** Hears the desk: a step of run {@code run}, or the new state after a control. */
    public interface Listener {
        void step(String run, int index, PipelineStep step);

        void state(Scenario scenario, PlaybackState state);
    }

    private final KafkaClients clients;
    private final Pipelines pipelines;
    private final ScenarioCatalog catalog;
    private final Listener listener;
    private final AtomicInteger loads = new AtomicInteger();
    /** While a scenario plays by itself, its position changes without a control: republished this often. */
    private final ScheduledExecutorService refresher;
    private Playback playback;
    private Scenario scenario;
    private PlaybackState published;

    public PlaybackDesk(KafkaClients clients, Pipelines pipelines, ScenarioCatalog catalog, Listener listener) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamlab-playback-desk");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 150, 150, TimeUnit.MILLISECONDS);
    }

    private synchronized void refresh() {
        try {
            if (playback != null && !playback.state().equals(published)) {
                publish();
            }
        } catch (RuntimeException e) {
            // a playback closing under us; the next control publishes again
        }
    }

    public ScenarioCatalog catalog() {
        return catalog;
    }

    /**
     * Scenario {@code id} with the overrides, checked against the budget without touching the current playback (so a
     * caller can refuse bad input before it waits for anything); throws NoSuchElementException if unknown and
     * IllegalArgumentException when over budget.
     */
    public Scenario prepare(String id, ConfigOverrides overrides) {
        Scenario base = catalog.get(id).orElseThrow(() -> new java.util.NoSuchElementException(
                "no scenario \"" + id + "\"; the lab has: " + String.join(", ",
                        catalog.entries().stream().map(ScenarioCatalog.Entry::id).toList())));
        Scenario chosen = new Scenario(overrides.applyTo(base.config()), base.events(), base.id(), base.title(),
                base.description(), base.lesson());
        // the overrides may put each of the scenario's events in many more windows than the scenario itself did
        EngineBudget.DEFAULT.checkEvents(chosen.config(), chosen.events().size());
        return chosen;
    }

    /** Replaces the current playback with a fresh one of scenario {@code id}; throws NoSuchElementException if unknown. */
    public synchronized PlaybackState load(String id, ConfigOverrides overrides) {
        Scenario chosen = prepare(id, overrides);
        closeCurrent();
        String runPrefix = "streamlab-" + id + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + loads.incrementAndGet();
        scenario = chosen;
        Function<String, PipelineListener> perRun = RunListener::new;
        playback = Playback.withListenerPerRun(clients, pipelines, chosen, runPrefix, perRun);
        return publish();
    }

    public synchronized PlaybackState step() {
        current().step();
        return publish();
    }

    public synchronized PlaybackState stepBack() {
        current().stepBack();
        return publish();
    }

    public synchronized PlaybackState restart() {
        current().restart();
        return publish();
    }

    public synchronized PlaybackState play(double speed) {
        current().play(speed);
        return publish();
    }

    public synchronized PlaybackState pause() {
        current().pause();
        return publish();
    }

    public synchronized PlaybackState injectLate(String key, long lateByMs) {
        current().injectLate(key, lateByMs);
        return publish();
    }

    public synchronized Optional<PlaybackState> state() {
        return playback == null ? Optional.empty() : Optional.of(playback.state());
    }

    public synchronized Optional<Scenario> scenario() {
        return Optional.ofNullable(scenario);
    }

    private Playback current() {
        if (playback == null) {
            throw new IllegalStateException("no scenario is loaded: load one first");
        }
        return playback;
    }

    private PlaybackState publish() {
        PlaybackState state = playback.state();
        published = state;
        listener.state(scenario, state);
        return state;
    }

    /** Steps of one run, numbered from 0; also republishes the state when playing moves on by itself. */
    private final class RunListener implements PipelineListener {
        private final String run;
        private int index;

        RunListener(String run) {
            this.run = run;
        }

        @Override
        public void onStep(PipelineStep step) {
            listener.step(run, index++, step);
        }
    }

    private void closeCurrent() {
        if (playback != null) {
            playback.close();
            playback = null;
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        synchronized (this) {
            closeCurrent();
        }
    }
}
