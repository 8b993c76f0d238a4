package dev.streamlab.kafka.aggregate;

import java.util.Map;
import java.util.Objects;

/**
 * Everything the batch-versus-stream demo shows about one topic: the running aggregation, the last batch result
 * (null before the first run) and the trickle. {@code staleBy} is how many offsets the stream has read past where
 * the batch stopped, that is how many records arrived that the batch's answer does not include; {@code matches} says
 * whether the batch's totals equal the stream's right now.
 */
public record DemoState(String topic, RunningState stream, BatchResult batch, TrickleState trickle, long staleBy,
                        boolean matches) {
    public DemoState {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(trickle, "trickle");
    }

    static DemoState of(RunningState stream, BatchResult batch, TrickleState trickle) {
        if (batch == null) {
            return new DemoState(stream.topic(), stream, null, trickle, 0, false);
        }
        long stale = 0;
        for (Map.Entry<Integer, Long> at : stream.positions().entrySet()) {
            stale += Math.max(0, at.getValue() - batch.endOffsets().getOrDefault(at.getKey(), 0L));
        }
        return new DemoState(stream.topic(), stream, batch, trickle, stale, batch.totals().equals(stream.totals()));
    }
}
