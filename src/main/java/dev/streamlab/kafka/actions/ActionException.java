package dev.streamlab.kafka.actions;

import java.util.Objects;

/**
 * An action refused or failed in a way the user can act on. The message is written for a learner: one or two
 * sentences saying what is wrong and what to do; it is shown as it is, without a stack trace.
 */
public final class ActionException extends RuntimeException {
    private final Problem problem;

    public ActionException(Problem problem, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }

    static ActionException badRequest(String message) {
        return new ActionException(Problem.BAD_REQUEST, message);
    }

    static ActionException notFound(String message) {
        return new ActionException(Problem.NOT_FOUND, message);
    }

    static ActionException conflict(String message) {
        return new ActionException(Problem.CONFLICT, message);
    }
}
