package dev.streamlab.kafka.monitor;

import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns what the Admin API returned into the monitor's records; pure functions, no calls. */
final class Conversions {
    private Conversions() {
    }

    /** Offsets of one partition as three ListOffsets calls saw them; -1 where a call did not say. */
    record Offsets(long logStart, long highWatermark, long lastStable) {
        static final Offsets UNKNOWN = new Offsets(-1, -1, -1);

        /**
         * The three calls are not one atomic read: a later one may have seen more records. Offsets only grow,
         * so the largest is the newest lower bound for the high watermark.
         */
        Offsets consistent() {
            if (highWatermark < 0) {
                return this;
            }
            return new Offsets(logStart, Math.max(highWatermark, Math.max(lastStable, logStart)), lastStable);
        }
    }

    static TopicState topic(TopicDescription description, Map<TopicPartition, Offsets> offsets,
                            Map<TopicPartition, List<ProducerState>> producers) {
        List<PartitionState> partitions = new ArrayList<>();
        for (TopicPartitionInfo info : description.partitions()) {
            TopicPartition tp = new TopicPartition(description.name(), info.partition());
            Offsets o = offsets.getOrDefault(tp, Offsets.UNKNOWN).consistent();
            partitions.add(new PartitionState(info.partition(), id(info.leader()), ids(info.replicas()),
                    ids(info.isr()), o.logStart(), o.highWatermark(), o.lastStable(),
                    producers.getOrDefault(tp, List.of())));
        }
        return new TopicState(description.name(), description.isInternal(), partitions);
    }

    static ProducerState producer(org.apache.kafka.clients.admin.ProducerState producer) {
        return new ProducerState(producer.producerId(), producer.producerEpoch(), producer.lastSequence(),
                producer.lastTimestamp(), producer.currentTransactionStartOffset().orElse(-1));
    }

    /** What the two describe APIs say about a group, in one shape; {@code epoch} is null when Kafka gave none. */
    record Described(String groupId, String state, String type, String protocol, Integer epoch,
                     List<MemberState> members) {
        static Described of(ConsumerGroupDescription group) {
            return new Described(group.groupId(), group.groupState().toString(),
                    group.type().name().toLowerCase(Locale.ROOT), nonNull(group.partitionAssignor()),
                    group.groupEpoch().orElse(null), group.members().stream().map(Conversions::member).toList());
        }

        static Described of(ClassicGroupDescription group) {
            return new Described(group.groupId(), group.state().toString(), "classic", nonNull(group.protocolData()),
                    null, group.members().stream().map(Conversions::member).toList());
        }

        /** Each member's partitions, by member id. */
        Map<String, List<TopicPartitionRef>> assignment() {
            return members.stream().collect(Collectors.toMap(MemberState::memberId, MemberState::assignment));
        }
    }

    /**
     * A group with an offset for every partition it committed on or owns now, on topics that exist (a committed
     * offset of a deleted topic has nothing to lag behind).
     */
    static GroupState group(Described group, Map<TopicPartition, OffsetAndMetadata> committed,
                            Map<String, TopicState> topics, int generation) {
        Set<TopicPartitionRef> partitions = new TreeSet<>();
        committed.forEach((tp, offset) -> {
            if (offset != null) {
                partitions.add(new TopicPartitionRef(tp.topic(), tp.partition()));
            }
        });
        group.members().forEach(m -> partitions.addAll(m.assignment()));
        List<GroupOffset> offsets = new ArrayList<>();
        for (TopicPartitionRef ref : partitions) {
            TopicState topic = topics.get(ref.topic());
            PartitionState partition = topic == null ? null : topic.partition(ref.partition()).orElse(null);
            if (partition != null) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(ref.topic(), ref.partition()));
                offsets.add(GroupOffset.of(ref.topic(), ref.partition(), offset == null ? -1 : offset.offset(),
                        partition.logStartOffset(), partition.highWatermark()));
            }
        }
        return new GroupState(group.groupId(), group.state(), group.type(), group.protocol(), generation,
                group.members(), offsets);
    }

    static MemberState member(MemberDescription member) {
        return new MemberState(member.consumerId(), nonNull(member.clientId()), nonNull(member.host()),
                member.assignment().topicPartitions().stream()
                        .map(tp -> new TopicPartitionRef(tp.topic(), tp.partition())).toList(),
                member.groupInstanceId().orElse(null));
    }

    static TransactionState transaction(String transactionalId, TransactionDescription description) {
        return new TransactionState(transactionalId, description.state().toString(), description.producerId(),
                description.producerEpoch(), description.transactionStartTimeMs().orElse(-1),
                description.topicPartitions().stream()
                        .map(tp -> new TopicPartitionRef(tp.topic(), tp.partition())).toList());
    }

    private static int id(Node node) {
        return node == null || node.isEmpty() ? -1 : node.id();
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Conversions::id).toList();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
