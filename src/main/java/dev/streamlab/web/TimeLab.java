package dev.streamlab.web;

import dev.streamlab.kafka.pipeline.TopicPipelines;
import dev.streamlab.kafka.playback.PlaybackDesk;

import java.util.Objects;
import java.util.function.Function;

/**
 * What the time lab's page drives: the class's scenario playback, the pipelines on learners' own topics, who to tell
 * when the set of those pipelines changed, and how to make a desk for a learner's own playback.
 */
public record TimeLab(PlaybackDesk playback, TopicPipelines pipelines, Runnable pipelinesChanged,
                      Function<PlaybackDesk.Listener, PlaybackDesk> newDesk) {
    public TimeLab {
        Objects.requireNonNull(newDesk, "newDesk");
        Objects.requireNonNull(playback, "playback");
        Objects.requireNonNull(pipelines, "pipelines");
        Objects.requireNonNull(pipelinesChanged, "pipelinesChanged");
    }
}
