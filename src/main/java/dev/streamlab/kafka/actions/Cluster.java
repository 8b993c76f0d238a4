package dev.streamlab.kafka.actions;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The actions' shared view of the cluster: one Admin client (made on first use, so a lab whose learner never acts
 * opens no extra connection), the address for messages, and the one way every action waits for Kafka, so "the
 * broker is not answering" reads the same everywhere.
 */
final class Cluster implements AutoCloseable {
    private final Supplier<Admin> adminFactory;
    private final String bootstrapServers;
    private final Duration timeout;
    private Admin admin;
    private boolean closed;

    Cluster(Supplier<Admin> adminFactory, String bootstrapServers, Duration timeout) {
        this.adminFactory = adminFactory;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    synchronized Admin admin() {
        if (closed) {
            throw new ActionException(Problem.UNAVAILABLE, "the lab is shutting down; start it again and retry.");
        }
        if (admin == null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Waits for a Kafka call. A timeout or lost connection becomes {@link Problem#UNAVAILABLE}; other failures go
     * through {@code known}, which turns the ones the user can act on into an {@link ActionException} and returns
     * null for the rest (those are the lab's bugs and surface as such).
     */
    <T> T await(Future<T> future, Function<Throwable, ActionException> known) {
        try {
            // Kafka's own timeouts are set to `timeout`; this one only guards against a call that never completes.
            return future.get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException(Problem.UNAVAILABLE, "the lab was interrupted while waiting for Kafka at "
                    + bootstrapServers + "; retry");
        } catch (java.util.concurrent.TimeoutException e) {
            throw unavailable();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TimeoutException || cause instanceof DisconnectException) {
                throw unavailable();
            }
            ActionException mapped = known.apply(cause);
            if (mapped != null) {
                throw mapped;
            }
            throw new IllegalStateException("Kafka refused the call: " + cause.getMessage(), cause);
        }
    }

    <T> T await(Future<T> future) {
        return await(future, cause -> null);
    }

    /** Like {@link #await(Future)}, but a failure of type {@code absent} (the thing does not exist) gives null. */
    <T> T awaitOrNull(Future<T> future, Class<? extends Throwable> absent) {
        ActionException missing = new ActionException(Problem.NOT_FOUND, "absent");
        try {
            return await(future, cause -> absent.isInstance(cause) ? missing : null);
        } catch (ActionException e) {
            if (e == missing) {
                return null;
            }
            throw e;
        }
    }

    ActionException unavailable() {
        return new ActionException(Problem.UNAVAILABLE,
                "Kafka at " + bootstrapServers + " is not answering; start it again and retry.");
    }

    /** The topic's partition count; a missing topic is {@link Problem#NOT_FOUND} with a hint to create it. */
    int partitions(String topic) {
        return describe(topic).partitions().size();
    }

    /** The topic as the broker describes it now (its id tells a topic from one deleted and created again). */
    TopicDescription describe(String topic) {
        if (topic == null || topic.isBlank()) {
            throw ActionException.badRequest("say which topic: \"topic\" is missing or empty.");
        }
        TopicActions.checkTopic(topic); // a name Kafka refuses is the learner's slip, not a topic that is missing
        // A topic created a moment ago by another client may not be in this broker's metadata yet: give it a second.
        long deadline = System.nanoTime() + NEW_TOPIC_PATIENCE.toNanos();
        while (true) {
            try {
                return await(admin().describeTopics(List.of(topic)).allTopicNames(),
                        cause -> cause instanceof UnknownTopicOrPartitionException || cause instanceof InvalidTopicException
                                ? noSuchTopic(topic) : null).get(topic);
            } catch (ActionException e) {
                if (e.problem() != Problem.NOT_FOUND || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable();
            }
        }
    }

    /** How long a topic that is not there yet may take to appear before it counts as missing. */
    static final java.time.Duration NEW_TOPIC_PATIENCE = java.time.Duration.ofSeconds(1);

    static ActionException noSuchTopic(String topic) {
        return ActionException.notFound("there is no topic \"" + topic + "\"; create it first with POST /api/topics "
                + "(the lab never creates topics on the fly, so a typo cannot make a new one).");
    }
}
