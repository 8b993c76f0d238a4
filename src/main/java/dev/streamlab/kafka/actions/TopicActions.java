package dev.streamlab.kafka.actions;

import dev.streamlab.kafka.KafkaNames;
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

    /** Kafka's limit on a topic name's length. */
    static final int MAX_NAME_LENGTH = KafkaNames.MAX_LENGTH;

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
        refuseInternal(name, "Creating one would give Kafka's tools a topic they take for theirs (and the lab "
                + "does not delete internal topics)");
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
        checkTopic(name);
        refuseInternal(name, "Deleting it would break the cluster for every client");
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
            throw ActionException.badRequest("a topic needs a name: give \"name\", for example \"orders\". "
                    + KafkaNames.TOPIC_RULES);
        }
        checkTopic(name);
    }

    /** @throws ActionException BAD_REQUEST for a name Kafka would refuse, saying why ({@link KafkaNames}) */
    public static void checkTopic(String name) {
        KafkaNames.topicProblem(name).ifPresent(problem -> {
            throw ActionException.badRequest(problem);
        });
    }

    /** @throws ActionException BAD_REQUEST for a group id the lab does not take ({@link KafkaNames}) */
    public static void checkGroup(String groupId) {
        KafkaNames.groupProblem(groupId).ifPresent(problem -> {
            throw ActionException.badRequest(problem);
        });
    }

    /**
     * @param doing what the lab would do to it and what that would break, as in "Writing to it would corrupt it"
     * @throws ActionException FORBIDDEN for one of Kafka's internal topics: the lab acts only on learners' topics
     */
    public static void refuseInternal(String name, String doing) {
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            checkTopic(name); // a name too long to be a topic is refused as such, without repeating it
        }
        if (name != null && isInternal(name)) {
            String role = INTERNAL_TOPIC_ROLES.get(name);
            throw new ActionException(Problem.FORBIDDEN, "\"" + name + "\" is one of Kafka's internal topics"
                    + (role == null ? " (names starting with \"__\" belong to Kafka and the tools built on it)" : ": " + role)
                    + ". " + doing + ", so the lab does not do it; use a topic of your own.");
        }
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
