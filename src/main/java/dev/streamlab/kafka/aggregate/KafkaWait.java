package dev.streamlab.kafka.aggregate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.kafka.actions.Problem;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** How the batch-stream lab waits for Kafka: a bounded time per call, and failures worded for the learner. */
final class KafkaWait {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClients clients;

    KafkaWait(KafkaClients clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** Waits for a Kafka call; a refusal we expect (the topic exists) is thrown as it is, for the caller to handle. */
    void await(Future<?> future, String topic) {
        try {
            // A little longer than the clients' own timeout, so their more precise error arrives first.
            future.get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException exists) {
                throw exists;
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ActionException(Problem.NOT_FOUND, "topic \"" + topic + "\" went away meanwhile; press Reset.");
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unavailable();
            }
            throw new ActionException(Problem.UNAVAILABLE, "Kafka refused: " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    ActionException unavailable() {
        return new ActionException(Problem.UNAVAILABLE, "Kafka at " + clients.bootstrapServers()
                + " is not answering; start it again and retry.");
    }
}
