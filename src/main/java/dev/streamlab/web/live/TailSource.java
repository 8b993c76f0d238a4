package dev.streamlab.web.live;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.tail.Isolation;
import dev.streamlab.kafka.tail.LiveTails;
import dev.streamlab.kafka.tail.RecordTail;
import dev.streamlab.kafka.tail.StartPosition;
import dev.streamlab.kafka.tail.TailBatch;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the hub's record subjects get their tails: a shared live tail from the end, or a private replay. Opening
 * and closing may each block on Kafka for seconds, so callers do both outside any lock other pages need. The lab's
 * source is {@link #of(LiveTails, KafkaClients)}; a test may pass one that is slow on purpose.
 */
public interface TailSource {
    /** The shared live tail of {@code topic}; throws {@link dev.streamlab.kafka.tail.TailException} when it cannot open. */
    AutoCloseable live(String topic, Isolation isolation, Consumer<TailBatch> sink, Consumer<String> problems);

    /** A private tail of {@code topic} from {@code start}; throws {@link dev.streamlab.kafka.tail.TailException} when it cannot open. */
    AutoCloseable replay(String topic, Isolation isolation, StartPosition start, Consumer<TailBatch> sink,
                         Consumer<String> problems);

    /** Live tails shared through {@code tails}, replays on consumers of their own from {@code clients}. */
    static TailSource of(LiveTails tails, KafkaClients clients) {
        Objects.requireNonNull(tails, "tails");
        Objects.requireNonNull(clients, "clients");
        return new TailSource() {
            @Override
            public AutoCloseable live(String topic, Isolation isolation, Consumer<TailBatch> sink, Consumer<String> problems) {
                return tails.subscribe(topic, isolation, sink, problems);
            }

            @Override
            public AutoCloseable replay(String topic, Isolation isolation, StartPosition start, Consumer<TailBatch> sink,
                                        Consumer<String> problems) {
                return RecordTail.open(clients, topic, isolation, start, sink, problems);
            }
        };
    }
}
