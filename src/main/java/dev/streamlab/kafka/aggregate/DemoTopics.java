package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import dev.streamlab.kafka.actions.TopicActions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The demo's topics through one Admin client: which names it accepts, which it may write ({@link #OWN_PREFIX} only,
 * so a learner's topic is never wiped or filled), whether a topic exists, and recreating one empty.
 */
final class DemoTopics implements AutoCloseable {
    static final String DEFAULT_TOPIC = "bs-orders";
    static final String OWN_PREFIX = "bs-";
    static final int PARTITIONS = 3;
    /** Deleting a topic finishes in the background; recreating it waits this long for the name to be free. */
    private static final Duration RECREATE_PATIENCE = Duration.ofSeconds(15);

    private final KafkaClients clients;
    private final KafkaWait kafka;
    private final Shutdown shutdown;
    private Admin admin;

    DemoTopics(KafkaClients clients, KafkaWait kafka, Shutdown shutdown) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    }

    /** @throws ActionException BAD_REQUEST for a missing name or one Kafka does not accept */
    static void checkName(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new ActionException(Problem.BAD_REQUEST, "say which topic: \"topic\" is missing or empty, for "
                    + "example \"" + DEFAULT_TOPIC + "\".");
        }
        TopicActions.checkTopic(topic);
    }

    /** @throws ActionException as {@link #checkName}, and FORBIDDEN for a name outside the demo's own topics */
    static void checkOwn(String topic) {
        checkName(topic);
        if (!topic.startsWith(OWN_PREFIX)) {
            throw new ActionException(Problem.FORBIDDEN, "the demo writes only to its own topics, whose names start "
                    + "with \"" + OWN_PREFIX + "\" (so it never wipes or fills one of yours); use \"" + DEFAULT_TOPIC
                    + "\" or another name starting with \"" + OWN_PREFIX + "\". It reads any topic.");
        }
    }

    /** @throws ActionException UNAVAILABLE without Kafka */
    boolean exists(String topic) {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(KafkaWait.TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof InvalidTopicException) {
                return false;
            }
            throw kafka.unavailable();
        } catch (java.util.concurrent.TimeoutException e) {
            throw kafka.unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw kafka.unavailable();
        }
    }

    /**
     * Creates the demo's own topic with {@value #PARTITIONS} partitions when it is missing, so that the first click
     * on a fresh lab works (nobody has to guess that Reset creates it).
     *
     * @throws ActionException UNAVAILABLE without Kafka
     */
    void ensureExists(String topic) {
        if (exists(topic)) {
            return;
        }
        try {
            kafka.await(admin().createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty())))
                    .all(), topic);
        } catch (TopicExistsException e) {
            // Another click created it a moment ago.
        }
        awaitVisible(topic, System.nanoTime() + RECREATE_PATIENCE.toNanos());
    }

    /**
     * Deletes {@code topic} if it exists and creates it again, empty, with {@value #PARTITIONS} partitions. The caller
     * keeps every writer away meanwhile, or the broker would create the topic itself with its defaults.
     *
     * @throws ActionException UNAVAILABLE without Kafka or when the old topic takes too long to go
     */
    void recreate(String topic) {
        if (exists(topic)) {
            kafka.await(admin().deleteTopics(List.of(topic)).all(), topic);
        }
        create(topic);
    }

    private void create(String topic) {
        long giveUpAt = System.nanoTime() + RECREATE_PATIENCE.toNanos();
        while (true) {
            try {
                NewTopic fresh = new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty());
                kafka.await(admin().createTopics(List.of(fresh)).all(), topic);
                break;
            } catch (TopicExistsException e) {
                // The deletion is still going on in the background.
                if (System.nanoTime() > giveUpAt) {
                    throw new ActionException(Problem.UNAVAILABLE, "Kafka is still deleting the old " + topic
                            + "; wait a few seconds and press Reset again.");
                }
                pause();
            }
        }
        awaitVisible(topic, giveUpAt);
    }

    private void awaitVisible(String topic, long giveUpAt) {
        while (!exists(topic)) {
            if (System.nanoTime() > giveUpAt) {
                throw kafka.unavailable();
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException(Problem.UNAVAILABLE, "interrupted while waiting for Kafka; retry.");
        }
    }

    private synchronized Admin admin() {
        shutdown.refuseIfBegun();
        if (admin == null) {
            admin = clients.admin("streamlab-batch-stream", (int) KafkaWait.TIMEOUT.toMillis());
        }
        return admin;
    }

    @Override
    public void close() {
        Admin a;
        synchronized (this) {
            a = admin;
            admin = null;
        }
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
    }
}
