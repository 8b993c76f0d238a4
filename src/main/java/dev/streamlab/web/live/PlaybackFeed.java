package dev.streamlab.web.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.pipeline.PipelineStep;
import dev.streamlab.kafka.playback.PlaybackDesk;
import dev.streamlab.kafka.playback.PlaybackState;
import dev.streamlab.scenario.Scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The time lab's live subjects: {@code playback} (which scenario, which run, where it is), {@code pipelines} (those on
 * learners' own topics) and, per run, the stream
 * of the pipeline's steps from the first one, so a page that joins late or reconnects redraws the whole run.
 * Only the newest runs are kept; a step back or restart starts a new run.
 */
public final class PlaybackFeed {
    /** Steps a run may hold; scenarios have tens. */
    static final int STEPS_PER_RUN = 20_000;
    static final int RUNS_KEPT = 4;

    private final ObjectMapper json;
    private final StateSubject state;
    private final StateSubject pipelines;
    private final Map<String, RecordStream> runs = new LinkedHashMap<>();

    public PlaybackFeed(ObjectMapper json) {
        this(json, "playback");
    }

    /** A feed whose state subject is known as {@code stateKey}: a learner's own playback has one of its own. */
    PlaybackFeed(ObjectMapper json, String stateKey) {
        this.json = Objects.requireNonNull(json, "json");
        this.state = new StateSubject(stateKey, json, () -> null);
        this.pipelines = new StateSubject("pipelines", json, () -> null);
    }

    StateSubject pipelines() {
        return pipelines;
    }

    /** What a playback desk tells this feed: its state and its runs' steps, as pages read them. */
    public PlaybackDesk.Listener listener() {
        return new PlaybackDesk.Listener() {
            @Override
            public void step(String run, int index, PipelineStep step) {
                PlaybackFeed.this.step(run, StepView.of(index, step));
            }

            @Override
            public void state(Scenario scenario, PlaybackState state) {
                update(state.runId(), PlaybackView.of(scenario, state));
            }
        };
    }

    /** The pipelines on learners' topics, by topic; their runs' step streams exist from now on. */
    public void pipelines(Map<String, ?> byTopic, java.util.Collection<String> runs) {
        runs.forEach(this::stream);
        pipelines.update(byTopic);
    }

    StateSubject state() {
        return state;
    }

    /** The playback's entries ({@code state}, {@code config}) as the page reads them; {@code run} is its current run. */
    public void update(String run, Map<String, ?> entries) {
        stream(run); // pages subscribe to the run's steps as soon as they hear of it, before its first step
        state.update(entries);
    }

    /** One step of run {@code run}, in order. */
    public void step(String run, Object step) {
        stream(run).append(java.util.List.of(step));
    }

    synchronized RecordStream stream(String run) {
        RecordStream stream = runs.get(run);
        if (stream == null) {
            stream = new RecordStream("steps/" + run, json, STEPS_PER_RUN);
            runs.put(run, stream);
            while (runs.size() > RUNS_KEPT) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        return stream;
    }

    synchronized boolean knows(String run) {
        return runs.containsKey(run);
    }
}
