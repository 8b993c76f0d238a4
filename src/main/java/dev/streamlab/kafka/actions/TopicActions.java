package dev.streamlab.kafka.actions;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating and deleting topics, with Kafka's rules explained when a request breaks them. */
public final class TopicActions {
    /**
     * The most partitions the lab creates in one topic. Each partition is a directory with open log segments on the
     * learner's machine, all served by one broker; 64 is plenty to watch keys spread and groups rebalance.
     */
    public static final int MAX_PARTITIONS = 64;

    /** Kafka's limit on a topic name's length (from {@code org.apache.kafka.common.internals.Topic}). */
    static final int MAX_NAME_LENGTH = 249;

    private static final Map<String, String> INTERNAL_TOPIC_ROLES = Map.of(
            Topic.GROUP_METADATA_TOPIC_NAME, "it stores every consumer group's committed offsets",
            Topic.TRANSACTION_STATE_TOPIC_NAME, "it stores the state of every producer transaction",
            Topic.SHARE_GROUP_STATE_TOPIC_NAME, "it stores the state of every share group",
            Topic.CLUSTER_METADATA_TOPIC_NAME, "it is the cluster's own metadata log");

    private final Cluster cluster;

    TopicActions(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Creates a topic with the cluster's default replication factor (1 on the lab's broker).
     *
     * @throws ActionException BAD_REQUEST for a name or partition count Kafka would refuse or the lab does not allow,
     *                         CONFLICT when the topic exists, UNAVAILABLE when Kafka does not answer
     */
    public TopicCreated create(CreateTopicRequest request) {
        String name = request.name();
        checkName(name);
        int partitions = checkPartitions(request.partitions());
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty());
        cluster.await(cluster.admin().createTopics(List.of(topic)).all(), cause -> {
            if (cause instanceof TopicExistsException) {
                return ActionException.conflict("topic \"" + name + "\" already exists; pick another name, or delete it "
                        + "first with DELETE /api/topics/" + name + " (its records go with it).");
            }
            if (cause instanceof InvalidTopicException && String.valueOf(cause.getMessage()).contains("collides")) {
                return ActionException.conflict("\"" + name + "\" collides with an existing topic that differs only in "
                        + "'.' versus '_': Kafka writes both as '_' in metric names, so it refuses the second one. "
                        + "Pick a name that differs in more than that.");
            }
            if (cause instanceof InvalidTopicException) {
                return ActionException.badRequest("Kafka refused the name \"" + name + "\": " + cause.getMessage());
            }
            return null;
        });
        return new TopicCreated(name, partitions);
    }

    /**
     * Deletes a topic and its records.
     *
     * @throws ActionException FORBIDDEN for Kafka's internal topics, NOT_FOUND when there is no such topic
     */
    public void delete(String name) {
        if (name == null || name.isBlank()) {
            throw ActionException.badRequest("say which topic to delete: the name is empty.");
        }
        if (isInternal(name)) {
            String role = INTERNAL_TOPIC_ROLES.get(name);
            throw new ActionException(Problem.FORBIDDEN, "\"" + name + "\" is one of Kafka's internal topics"
                    + (role == null ? " (names starting with \"__\" belong to Kafka and the tools built on it)" : ": " + role)
                    + ". Deleting it would break the cluster for every client, so the lab does not do it.");
        }
        if (!Topic.isValid(name)) {
            throw Cluster.noSuchTopic(name);
        }
        cluster.await(cluster.admin().deleteTopics(List.of(name)).all(),
                cause -> cause instanceof UnknownTopicOrPartitionException
                        ? ActionException.notFound("there is no topic \"" + name + "\" to delete; check the name.")
                        : null);
    }

    /** Kafka's own internal topics, and any name starting with "__" (the convention for them). */
    public static boolean isInternal(String name) {
        return name.startsWith("__") || Topic.isInternal(name) || INTERNAL_TOPIC_ROLES.containsKey(name);
    }

    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw ActionException.badRequest("a topic needs a name: give \"name\", for example \"orders\". " + RULES);
        }
        if (name.equals(".") || name.equals("..")) {
            throw ActionException.badRequest("\"" + name + "\" cannot be a topic name because it means a directory on "
                    + "the broker's disk. " + RULES);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ActionException.badRequest("the name is " + name.length() + " characters long; Kafka allows at most "
                    + MAX_NAME_LENGTH + " because it becomes a directory name on the broker's disk. " + RULES);
        }
        for (int i = 0; i < name.length(); i++) {
            int c = name.codePointAt(i);
            if (!isLegal(c)) {
                throw ActionException.badRequest("\"" + name + "\" is not a valid topic name: " + describe(c)
                        + " is not allowed. " + RULES);
            }
        }
        // Topic.validate is Kafka's own check; ours above explains, this one guarantees we agree with Kafka.
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw ActionException.badRequest("\"" + name + "\" is not a valid topic name: " + e.getMessage() + ". " + RULES);
        }
    }

    private static final String RULES = "Kafka topic names use only ASCII letters, digits, '.', '_' and '-', are at "
            + "most " + MAX_NAME_LENGTH + " characters and are not \".\" or \"..\"; use either '.' or '_' but not both, "
            + "since metric names turn '.' into '_' and \"a.b\" would collide with \"a_b\".";

    private static boolean isLegal(int c) {
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

    private static int checkPartitions(Integer partitions) {
        if (partitions == null) {
            throw ActionException.badRequest("say how many partitions the topic gets: \"partitions\" is missing "
                    + "(a number from 1 to " + MAX_PARTITIONS + ", for example 3).");
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw ActionException.badRequest("partitions must be between 1 and " + MAX_PARTITIONS + ", got " + partitions
                    + ": a topic needs at least one partition, and the lab stops at " + MAX_PARTITIONS
                    + " because every partition is a directory of open files on this one broker.");
        }
        return partitions;
    }
}
