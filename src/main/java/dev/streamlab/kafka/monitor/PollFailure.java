package dev.streamlab.kafka.monitor;

/** A poll that could not read the cluster; {@link #problem()} is the one line the lab shows for it. */
final class PollFailure extends Exception {
    PollFailure(String problem, Throwable cause) {
        super(problem, cause);
    }

    String problem() {
        return getMessage();
    }
}
