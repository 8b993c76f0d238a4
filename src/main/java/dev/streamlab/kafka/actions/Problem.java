package dev.streamlab.kafka.actions;

/**
 * What kind of thing went wrong with an action, so the caller can answer in its own terms (the web layer maps each
 * kind to one HTTP status; a command line could map them to exit codes).
 */
public enum Problem {
    /** The request itself is wrong: a bad name, a number out of range, a field missing. The user fixes the input. */
    BAD_REQUEST,
    /** The topic, consumer or group named does not exist. */
    NOT_FOUND,
    /** The request is fine but clashes with the cluster's state: the topic exists, the group has members. */
    CONFLICT,
    /** The lab refuses on principle, for example deleting one of Kafka's internal topics. */
    FORBIDDEN,
    /** Kafka did not answer in time; retrying once the broker runs again will work. */
    UNAVAILABLE
}
