package dev.streamlab.kafka.tail;

/** A tail could not be opened: the topic does not exist, or Kafka did not answer; {@link #reason()} says which. */
public final class TailException extends RuntimeException {

    /** Why a tail could not be opened. */
    public enum Reason {
        /** The topic does not exist (a web page would answer 404). */
        TOPIC_MISSING,
        /** Kafka did not answer in time, so nothing is known about the topic (a web page would answer 503). */
        KAFKA_UNREACHABLE
    }

    private final Reason reason;

    TailException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    static TailException topicMissing(String topic) {
        return new TailException(Reason.TOPIC_MISSING, "topic " + topic + " does not exist", null);
    }

    static TailException unreachable(String topic, String bootstrapServers, Throwable cause) {
        return new TailException(Reason.KAFKA_UNREACHABLE, "Kafka at " + bootstrapServers
                + " is not answering, so the tail of " + topic + " could not start", cause);
    }

    public Reason reason() {
        return reason;
    }
}
