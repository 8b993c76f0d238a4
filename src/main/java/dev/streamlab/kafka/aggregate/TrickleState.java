package dev.streamlab.kafka.aggregate;

import java.util.Objects;

/**
 * Whether the lab is writing a steady trickle of orders to a topic, how many a second, and how many it has written
 * to it since the lab started (or the topic was last reset); {@code problem} says why a trickle stopped by itself.
 */
public record TrickleState(String topic, boolean on, int perSecond, long produced, String problem) {
    public TrickleState {
        Objects.requireNonNull(topic, "topic");
        if (perSecond < 0 || produced < 0) {
            throw new IllegalArgumentException("rate and count are 0 or more, got " + perSecond + "/s, " + produced);
        }
    }

    static TrickleState off(String topic) {
        return new TrickleState(topic, false, 0, 0, null);
    }
}
