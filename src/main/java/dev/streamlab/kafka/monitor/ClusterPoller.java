package dev.streamlab.kafka.monitor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One poll of the cluster through the Admin API, turned into a {@link ClusterSnapshot}. The calls go out in three
 * waves, each wave's calls at once: the listings (topics with internal ones, consumer groups of both protocols,
 * transactions); then the descriptions (topics, groups, transactions) and every group's committed offsets in one
 * call; then the partitions' offsets and producers ({@link PartitionReader}). Each call has the call timeout. Not thread-safe: one poller per thread.
 */
final class ClusterPoller {
    private final Admin admin;
    private final MonitorSettings settings;
    private final Clock clock;
    private final Answers answers;
    private final PartitionReader partitions;
    private final ObservedGenerations generations = new ObservedGenerations();

    ClusterPoller(Admin admin, String bootstrapServers, MonitorSettings settings, Clock clock) {
        this.admin = admin;
        this.settings = settings;
        this.clock = clock;
        this.answers = new Answers(bootstrapServers, settings.callTimeout());
        this.partitions = new PartitionReader(admin, answers, settings);
    }

    /** The cluster now, or {@code previous}'s content marked unreachable with the reason when it cannot be read. */
    ClusterSnapshot poll(ClusterSnapshot previous) throws InterruptedException {
        Instant at = clock.instant();
        try {
            return read(at);
        } catch (PollFailure failure) {
            return ClusterSnapshot.unreachable(at, failure.problem(), previous);
        }
    }

    private ClusterSnapshot read(Instant at) throws PollFailure, InterruptedException {
        int timeoutMs = settings.callTimeoutMs();
        KafkaFuture<Collection<TopicListing>> topicListing =
                admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(timeoutMs)).listings();
        KafkaFuture<Collection<GroupListing>> groupListing =
                admin.listGroups(ListGroupsOptions.forConsumerGroups().timeoutMs(timeoutMs)).all();
        KafkaFuture<Collection<TransactionListing>> transactionListing =
                admin.listTransactions(new ListTransactionsOptions().timeoutMs(timeoutMs)).all();

        List<String> topicNames = answers.required(topicListing, "listTopics").stream()
                .map(TopicListing::name).sorted().toList();
        List<String> groupIds = answers.orElse(groupListing, "listGroups", List.<GroupListing>of())
                .stream().map(GroupListing::groupId).sorted().toList();
        List<String> transactionalIds = answers.orElse(transactionListing, "listTransactions",
                List.<TransactionListing>of()).stream()
                .map(TransactionListing::transactionalId).sorted().toList();

        Map<String, KafkaFuture<TopicDescription>> topicDescriptions = topicNames.isEmpty() ? Map.of()
                : admin.describeTopics(topicNames, new DescribeTopicsOptions().timeoutMs(timeoutMs)).topicNameValues();
        PendingGroups pendingGroups = describeGroups(groupIds, timeoutMs);
        Map<String, KafkaFuture<TransactionDescription>> transactionDescriptions = describeTransactions(
                transactionalIds, timeoutMs);

        List<TopicDescription> described = new ArrayList<>();
        for (String name : topicNames) {
            TopicDescription description = answers.unlessGone(topicDescriptions.get(name), "describeTopics",
                    UnknownTopicOrPartitionException.class);
            if (description != null) {
                described.add(description);
            }
        }
        Map<String, TopicState> topics = partitions.read(described);
        List<GroupState> groups = readGroups(pendingGroups, topics);
        List<TransactionState> transactions = readTransactions(transactionDescriptions);
        return new ClusterSnapshot(at, true, null, List.copyOf(topics.values()), groups, transactions);
    }

    private Map<String, KafkaFuture<TransactionDescription>> describeTransactions(List<String> transactionalIds,
                                                                                  int timeoutMs) {
        if (transactionalIds.isEmpty()) {
            return Map.of();
        }
        DescribeTransactionsResult described = admin.describeTransactions(transactionalIds,
                new DescribeTransactionsOptions().timeoutMs(timeoutMs));
        Map<String, KafkaFuture<TransactionDescription>> descriptions = new LinkedHashMap<>();
        transactionalIds.forEach(id -> descriptions.put(id, described.description(id)));
        return descriptions;
    }

    private PendingGroups describeGroups(List<String> groupIds, int timeoutMs) {
        if (groupIds.isEmpty()) {
            return new PendingGroups(List.of(), Map.of(), null);
        }
        DescribeConsumerGroupsResult described = admin.describeConsumerGroups(groupIds,
                new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs));
        Map<String, ListConsumerGroupOffsetsSpec> everything = groupIds.stream()
                .collect(Collectors.toMap(Function.identity(), id -> new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult committed = admin.listConsumerGroupOffsets(everything,
                new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));
        return new PendingGroups(groupIds, described.describedGroups(), committed);
    }

    private List<GroupState> readGroups(PendingGroups pending, Map<String, TopicState> topics)
            throws PollFailure, InterruptedException {
        List<GroupState> groups = new ArrayList<>();
        for (String groupId : pending.groupIds()) {
            ConsumerGroupDescription description = answers.unlessGone(pending.descriptions().get(groupId),
                    "describeConsumerGroups", GroupIdNotFoundException.class);
            if (description == null) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = answers.orElse(
                    pending.committed().partitionsToOffsetAndMetadata(groupId), "listConsumerGroupOffsets", Map.of(),
                    GroupIdNotFoundException.class);
            Map<String, List<TopicPartitionRef>> assignment = new HashMap<>();
            for (MemberDescription member : description.members()) {
                assignment.put(member.consumerId(), Conversions.member(member).assignment());
            }
            int generation = generations.generation(groupId, description.groupEpoch().orElse(null),
                    description.groupState().toString(), assignment);
            groups.add(Conversions.group(description, committed, topics, generation));
        }
        generations.retain(groups.stream().map(GroupState::groupId).collect(Collectors.toSet()));
        return groups;
    }

    private List<TransactionState> readTransactions(Map<String, KafkaFuture<TransactionDescription>> pending)
            throws PollFailure, InterruptedException {
        List<TransactionState> transactions = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TransactionDescription>> entry : pending.entrySet()) {
            TransactionDescription description = answers.orElse(entry.getValue(), "describeTransactions", null,
                    TransactionalIdNotFoundException.class);
            if (description != null) {
                transactions.add(Conversions.transaction(entry.getKey(), description));
            }
        }
        return transactions;
    }

    private record PendingGroups(List<String> groupIds, Map<String, KafkaFuture<ConsumerGroupDescription>> descriptions,
                                 ListConsumerGroupOffsetsResult committed) {
    }
}
