package dev.streamlab.lab.validate.advanced;

import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link TransactionFacts} answered by the Admin API of a real cluster, at the moment of asking. */
public final class KafkaTransactionFacts implements TransactionFacts {
    private static final int TIMEOUT_MS = 10_000;

    private final KafkaClients clients;

    public KafkaTransactionFacts(KafkaClients clients) {
        this.clients = clients;
    }

    @Override
    public List<ProducerSeen> producers(String topic) {
        try (Admin admin = clients.admin("streamlab-check", TIMEOUT_MS)) {
            Optional<TopicDescription> description = describe(admin, topic);
            if (description.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = description.get().partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return producers(admin, partitions);
        }
    }

    @Override
    public OffsetsPartition offsetsPartition(String groupId) {
        try (Admin admin = clients.admin("streamlab-check", TIMEOUT_MS)) {
            Optional<TopicDescription> offsets = describe(admin, Topic.GROUP_METADATA_TOPIC_NAME);
            if (offsets.isEmpty()) {
                return new OffsetsPartition(-1, List.of());
            }
            // The group coordinator's own rule for where a group's commits are stored.
            int partition = Utils.abs(groupId.hashCode()) % offsets.get().partitions().size();
            return new OffsetsPartition(partition, producers(admin,
                    List.of(new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME, partition))));
        }
    }

    @Override
    public List<Transaction> transactions(Set<Long> producerIds) {
        if (producerIds.isEmpty()) {
            return List.of();
        }
        try (Admin admin = clients.admin("streamlab-check", TIMEOUT_MS)) {
            List<String> ids = get(admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
                    .all(), "list transactions").stream().map(TransactionListing::transactionalId).sorted().toList();
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<String, TransactionDescription> described = get(admin.describeTransactions(ids).all(),
                    "describe transactions " + ids);
            return ids.stream().map(id -> {
                TransactionDescription d = described.get(id);
                return new Transaction(id, d.producerId(), d.producerEpoch(), d.state().toString());
            }).toList();
        }
    }

    private static List<ProducerSeen> producers(Admin admin, List<TopicPartition> partitions) {
        Map<TopicPartition, PartitionProducerState> states = get(admin.describeProducers(partitions).all(),
                "describe the producers of " + partitions);
        List<ProducerSeen> seen = new ArrayList<>();
        states.forEach((tp, state) -> {
            for (ProducerState p : state.activeProducers()) {
                seen.add(new ProducerSeen(tp.topic(), tp.partition(), p.producerId(), p.producerEpoch()));
            }
        });
        seen.sort(Comparator.comparingInt(ProducerSeen::partition).thenComparingLong(ProducerSeen::producerId));
        return seen;
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic) {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure("describe topic " + topic, e);
        } catch (TimeoutException e) {
            throw failure("describe topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failure(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static IllegalStateException failure(String what, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "Kafka did not answer within " + TIMEOUT_MS / 1000 + " s" : cause.getMessage();
        return new IllegalStateException("could not " + what + ": " + message, cause);
    }
}
