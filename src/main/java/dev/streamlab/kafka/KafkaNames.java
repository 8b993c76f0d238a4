package dev.streamlab.kafka;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import java.util.Optional;

/**
 * The one rule for the topic and group names the lab takes from a learner. Topics: Kafka's own rule, at most
 * {@value #MAX_LENGTH} characters of {@code [a-zA-Z0-9._-]}, not "." or "..", checked last by Kafka's own
 * {@link Topic#validate}. Group ids: Kafka accepts any non-empty string, so a learner's group "my group" is legal and
 * a check must be able to see it; the lab only caps them at the same {@value #MAX_LENGTH} characters and refuses
 * control characters. Every problem is one sentence that names the limit and, for a long name, its length, never the
 * whole of a huge name.
 */
public final class KafkaNames {
    /** Kafka's limit on a topic name (private in {@code org.apache.kafka.common.internals.Topic}). */
    public static final int MAX_LENGTH = 249;

    public static final String TOPIC_RULES = "Kafka topic names use only ASCII letters, digits, '.', '_' and '-', are at "
            + "most " + MAX_LENGTH + " characters and are not \".\" or \"..\"; use either '.' or '_' but not both, "
            + "since metric names turn '.' into '_' and \"a.b\" would collide with \"a_b\".";

    private KafkaNames() {
    }

    /** Empty when {@code name} is a topic name Kafka accepts, else what is wrong with it and the rule. */
    public static Optional<String> topicProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a topic needs a name, for example \"orders\". " + TOPIC_RULES);
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("the topic name is " + name.length() + " characters long; Kafka allows at most "
                    + MAX_LENGTH + " because it becomes a directory name on the broker's disk. " + TOPIC_RULES);
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("\"" + name + "\" cannot be a topic name because it means a directory on the broker's "
                    + "disk. " + TOPIC_RULES);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!legal(c)) {
                return Optional.of("\"" + name + "\" is not a valid topic name: " + describe(name.codePointAt(i))
                        + " is not allowed. " + TOPIC_RULES);
            }
        }
        // Our checks above explain; Kafka's own guarantees we agree with the broker.
        try {
            Topic.validate(name);
            return Optional.empty();
        } catch (InvalidTopicException e) {
            return Optional.of("\"" + name + "\" is not a valid topic name: " + e.getMessage() + ". " + TOPIC_RULES);
        }
    }

    /** Empty when the lab takes {@code groupId} as a consumer group's id, else what is wrong with it. */
    public static Optional<String> groupProblem(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            return Optional.of("a consumer group needs an id, for example \"billing\".");
        }
        if (groupId.length() > MAX_LENGTH) {
            return Optional.of("the group id is " + groupId.length() + " characters long; the lab allows at most "
                    + MAX_LENGTH + ", as Kafka does for topic names.");
        }
        for (int i = 0; i < groupId.length(); i++) {
            if (Character.isISOControl(groupId.charAt(i))) {
                return Optional.of("the group id contains " + describe(groupId.codePointAt(i))
                        + "; use printable characters, for example \"billing\".");
            }
        }
        return Optional.empty();
    }

    private static boolean legal(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    private static String describe(int c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            return String.format("the control character U+%04X", c);
        }
        return "'" + new String(Character.toChars(c)) + "'";
    }
}
