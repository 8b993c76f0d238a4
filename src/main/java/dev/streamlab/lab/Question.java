package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;

/**
 * A question a chapter asks, answered by picking one of its options; exactly one option is right and every option
 * explains why it is or is not. A {@link Kind#KNOWLEDGE} question checks understanding; a {@link Kind#DECISION}
 * asks the learner to choose (batch or stream) for a workload.
 */
public record Question(String id, Kind kind, String prompt, List<AnswerOption> options) {
    /** What the question is for. */
    public enum Kind { KNOWLEDGE, DECISION }

    public Question {
        LabPaths.requireId(id);
        Objects.requireNonNull(kind, "kind of question " + id);
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("question " + id + " needs a prompt");
        }
        options = List.copyOf(options);
        if (options.size() < 2) {
            throw new IllegalArgumentException("question " + id + " needs at least two options");
        }
        long right = options.stream().filter(AnswerOption::correct).count();
        if (right != 1) {
            throw new IllegalArgumentException("question " + id + " needs exactly one correct option, has " + right);
        }
    }

    /** The option at {@code index} (from 0), or an exception that names the valid range. */
    public AnswerOption option(int index) {
        if (index < 0 || index >= options.size()) {
            throw new IllegalArgumentException("question " + id + " has options 0 to " + (options.size() - 1)
                    + ", not " + index);
        }
        return options.get(index);
    }
}
