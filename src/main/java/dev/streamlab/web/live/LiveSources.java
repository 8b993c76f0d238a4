package dev.streamlab.web.live;

/**
 * Where subjects come from: the cluster monitor and the record tails behind the hub. Each open returns the subject
 * and what to call when the client lets go, so sources can share one Kafka consumer among many clients.
 */
public interface LiveSources {
    /** A state subject by name: {@code status}, {@code cluster}, {@code consumers}, {@code playback}, {@code topic/NAME}, {@code group/ID}. */
    Opened<StateSubject> state(String subject) throws LiveRequestException;

    /** A topic's records in one isolation level, live from the end or replayed ({@code from}: end, offset:N, time:T). */
    Opened<RecordStream> records(String topic, String isolation, String from) throws LiveRequestException;

    /** The pipeline steps of one playback run, from its first step. */
    Opened<RecordStream> steps(String run) throws LiveRequestException;

    /** An opened subject; {@code startAt} is where a new client's cursor starts (record streams only). */
    record Opened<T>(T subject, long startAt, AutoCloseable release) {
    }
}
