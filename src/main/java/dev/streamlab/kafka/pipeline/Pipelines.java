package dev.streamlab.kafka.pipeline;

import dev.streamlab.kafka.KafkaClients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running pipelines by id (one per learner topic, one per playback run). Starting one under an id that is
 * already running stops the old one first: that is how a pipeline is reconfigured.
 */
public final class Pipelines implements AutoCloseable {
    private final KafkaClients clients;
    private final Map<String, WindowedPipeline> running = new LinkedHashMap<>();
    private boolean closed;

    public Pipelines(KafkaClients clients) {
        if (clients == null) {
            throw new IllegalArgumentException("clients must not be null");
        }
        this.clients = clients;
    }

    public KafkaClients clients() {
        return clients;
    }

    /** Starts (or restarts with the new spec) the pipeline {@code spec.id()} on the wall clock. */
    public WindowedPipeline start(PipelineSpec spec, PipelineListener listener) {
        return register(spec, () -> WindowedPipeline.start(clients, spec, listener));
    }

    /** Starts (or restarts) a pipeline on a virtual processing clock; see {@link WindowedPipeline#startVirtual}. */
    public WindowedPipeline startVirtual(PipelineSpec spec, PipelineListener listener, long startProcessingTimeMs) {
        return register(spec, () -> WindowedPipeline.startVirtual(clients, spec, listener, startProcessingTimeMs));
    }

    private WindowedPipeline register(PipelineSpec spec, java.util.function.Supplier<WindowedPipeline> starter) {
        WindowedPipeline old;
        synchronized (this) {
            if (closed) {
                throw new PipelineException("the pipelines are closed");
            }
            old = running.remove(spec.id());
        }
        if (old != null) {
            old.close();
        }
        WindowedPipeline started = starter.get();
        WindowedPipeline raced;
        synchronized (this) {
            raced = closed ? started : running.put(spec.id(), started);
        }
        if (raced != null) {
            raced.close();
            if (raced == started) {
                throw new PipelineException("the pipelines are closed");
            }
        }
        return started;
    }

    public synchronized Optional<WindowedPipeline> get(String id) {
        return Optional.ofNullable(running.get(id));
    }

    /** Stops the pipeline {@code id}; false if none ran under that id. */
    public boolean stop(String id) {
        WindowedPipeline p;
        synchronized (this) {
            p = running.remove(id);
        }
        if (p == null) {
            return false;
        }
        p.close();
        return true;
    }

    /** The specs of the running pipelines, in the order they started. */
    public synchronized List<PipelineSpec> list() {
        return running.values().stream().map(WindowedPipeline::spec).toList();
    }

    @Override
    public void close() {
        List<WindowedPipeline> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(running.values());
            running.clear();
        }
        all.forEach(WindowedPipeline::close);
    }
}
