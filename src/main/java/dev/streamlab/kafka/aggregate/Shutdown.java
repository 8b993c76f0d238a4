package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;

/**
 * Whether the batch-stream lab is closing: once begun, it refuses every new watch and Kafka client, so nothing
 * started during the close outlives it.
 */
final class Shutdown {
    private volatile boolean begun;

    void begin() {
        begun = true;
    }

    /** @throws ActionException UNAVAILABLE once the close has begun */
    void refuseIfBegun() {
        if (begun) {
            throw new ActionException(Problem.UNAVAILABLE, "the lab is shutting down; start it again.");
        }
    }
}
