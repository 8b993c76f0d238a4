package dev.streamlab.web;

import dev.streamlab.kafka.pipeline.TopicPipelines;
import dev.streamlab.kafka.playback.PlaybackDesk;

import java.util.Objects;

/**
 * What the time lab's page drives: the scenario playback, the pipelines on learners' own topics, and who to tell
 * when the set of those pipelines changed.
 */
public record TimeLab(PlaybackDesk playback, TopicPipelines pipelines, Runnable pipelinesChanged) {
    public TimeLab {
        Objects.requireNonNull(playback, "playback");
        Objects.requireNonNull(pipelines, "pipelines");
        Objects.requireNonNull(pipelinesChanged, "pipelinesChanged");
    }
}
