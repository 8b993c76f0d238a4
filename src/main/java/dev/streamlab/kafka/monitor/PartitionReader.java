package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.monitor.Conversions.Offsets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersOptions;
import org.apache.kafka.clients.admin.DescribeProducersResult;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The last wave of a poll: for every partition of the described topics, ListOffsets earliest, latest and latest
 * read_committed, and DescribeProducers for the partitions of non-internal topics, all four calls at once.
 *
 * <p>A topic deleted after it was described makes the Admin client retry these calls until its timeout (it takes
 * "unknown topic" for metadata that has not arrived yet). So when the answers are slow, the reader asks which
 * topics still exist and stops waiting for the vanished ones: they are left out of the snapshot, as they are
 * out of the cluster, and the poll neither stalls for the call timeout nor calls Kafka unreachable.
 */
final class PartitionReader {
    /** How long answers may take before the reader checks for vanished topics; they usually take a few ms. */
    private static final Duration PATIENCE = Duration.ofMillis(250);

    private final Admin admin;
    private final Answers answers;
    private final int timeoutMs;

    PartitionReader(Admin admin, Answers answers, MonitorSettings settings) {
        this.admin = admin;
        this.answers = answers;
        this.timeoutMs = settings.callTimeoutMs();
    }

    /** The topics with their partitions' offsets and producers, by name, in the order described. */
    Map<String, TopicState> read(List<TopicDescription> described) throws PollFailure, InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        List<TopicPartition> producerPartitions = new ArrayList<>();
        for (TopicDescription topic : described) {
            topic.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                partitions.add(tp);
                if (!topic.isInternal()) {
                    producerPartitions.add(tp);
                }
            });
        }
        Map<TopicPartition, Pending> pending = ask(partitions, producerPartitions);
        Set<String> gone = awaitOrFindVanished(pending);

        Map<TopicPartition, Offsets> offsets = new HashMap<>();
        Map<TopicPartition, List<ProducerState>> producers = new HashMap<>();
        for (Map.Entry<TopicPartition, Pending> entry : pending.entrySet()) {
            TopicPartition tp = entry.getKey();
            if (gone.contains(tp.topic())) {
                continue;
            }
            Pending answer = entry.getValue();
            offsets.put(tp, new Offsets(offset(answer.earliest(), tp, gone), offset(answer.latest(), tp, gone),
                    offset(answer.stable(), tp, gone)));
            if (answer.producers() != null) {
                PartitionProducerState state = answers.orElse(answer.producers(), "describeProducers", null,
                        UnknownTopicOrPartitionException.class);
                if (state != null) {
                    producers.put(tp, state.activeProducers().stream().map(Conversions::producer).toList());
                }
            }
        }
        Map<String, TopicState> topics = new LinkedHashMap<>();
        for (TopicDescription topic : described) {
            if (!gone.contains(topic.name())) {
                topics.put(topic.name(), Conversions.topic(topic, offsets, producers));
            }
        }
        return topics;
    }

    private Map<TopicPartition, Pending> ask(List<TopicPartition> partitions, List<TopicPartition> producerPartitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        ListOffsetsResult earliest = listOffsets(partitions, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
        ListOffsetsResult latest = listOffsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
        ListOffsetsResult stable = listOffsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        DescribeProducersResult producers = producerPartitions.isEmpty() ? null
                : admin.describeProducers(producerPartitions, new DescribeProducersOptions().timeoutMs(timeoutMs));
        Set<TopicPartition> withProducers = new HashSet<>(producerPartitions);
        Map<TopicPartition, Pending> pending = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            pending.put(tp, new Pending(earliest.partitionResult(tp), latest.partitionResult(tp),
                    stable.partitionResult(tp), withProducers.contains(tp) ? producers.partitionResult(tp) : null));
        }
        return pending;
    }

    private ListOffsetsResult listOffsets(List<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions(isolation).timeoutMs(timeoutMs));
    }

    /** Waits for every answer; returns the topics that vanished meanwhile (whose answers are not waited for). */
    private Set<String> awaitOrFindVanished(Map<TopicPartition, Pending> pending)
            throws PollFailure, InterruptedException {
        Set<String> gone = new HashSet<>();
        if (pending.isEmpty() || completesWithin(all(pending, gone), PATIENCE.toMillis())) {
            return gone;
        }
        Set<String> existing = answers.required(
                admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(timeoutMs)).names(),
                "listTopics");
        pending.keySet().stream().map(TopicPartition::topic).filter(t -> !existing.contains(t)).forEach(gone::add);
        completesWithin(all(pending, gone), timeoutMs + 1000L);
        return gone;
    }

    private static KafkaFuture<Void> all(Map<TopicPartition, Pending> pending, Set<String> except) {
        List<KafkaFuture<?>> futures = new ArrayList<>();
        pending.forEach((tp, p) -> {
            if (!except.contains(tp.topic())) {
                futures.addAll(p.futures());
            }
        });
        return KafkaFuture.allOf(futures.toArray(KafkaFuture[]::new));
    }

    /** Whether every future completed (successfully or not) within the time. */
    private static boolean completesWithin(KafkaFuture<Void> all, long millis) throws InterruptedException {
        try {
            all.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** The offset, or -1 when the leader could not say; a topic unknown to its leader goes into {@code gone}. */
    private long offset(KafkaFuture<ListOffsetsResultInfo> future, TopicPartition tp, Set<String> gone)
            throws PollFailure, InterruptedException {
        Answers.Answer<ListOffsetsResultInfo> answer = answers.answer(future, "listOffsets");
        if (answer.error() instanceof UnknownTopicOrPartitionException) {
            gone.add(tp.topic());
        }
        return answer.value() == null ? -1 : answer.value().offset();
    }

    /** The four answers about one partition; {@code producers} is null for internal topics. */
    private record Pending(KafkaFuture<ListOffsetsResultInfo> earliest, KafkaFuture<ListOffsetsResultInfo> latest,
                           KafkaFuture<ListOffsetsResultInfo> stable, KafkaFuture<PartitionProducerState> producers) {
        List<KafkaFuture<?>> futures() {
            return producers == null ? List.of(earliest, latest, stable) : List.of(earliest, latest, stable, producers);
        }
    }
}
