package dev.streamlab.kafka.monitor;

import dev.streamlab.kafka.monitor.GroupEvent.Kind;
import dev.streamlab.testing.Kafka;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.streamlab.kafka.monitor.Monitors.awaitGroup;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumer groups as the monitor sees them on the real broker: lag, resets, members and their partitions. */
class GroupMonitoringTest {
    private final String bootstrap = TestBroker.bootstrapServers();
    private final ClusterMonitor monitor = Monitors.started();

    @AfterEach
    void stop() {
        monitor.close();
    }

    @Test
    void aGroupsLagIsPerPartitionTheEndOffsetMinusItsCommitOrTheWholeLogWhereItCommittedNothing() {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        Kafka.createTopic(bootstrap, topic, 3);
        produce(topic, 0, 10);
        produce(topic, 1, 10);
        produce(topic, 2, 10);

        try (KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, group, Map.of())) {
            consumer.subscribe(List.of(topic));
            await("all three partitions assigned").atMost(Duration.ofSeconds(20))
                    .until(() -> consumer.poll(Duration.ofMillis(100)) != null && consumer.assignment().size() == 3);
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(4),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(10)));

            GroupState seen = awaitGroup(monitor, group, "the commits of " + group,
                    g -> g.offset(topic, 0).map(GroupOffset::committed).orElse(-1L) == 4
                            && g.offset(topic, 1).map(GroupOffset::committed).orElse(-1L) == 10);

            assertEquals(List.of(new GroupOffset(topic, 0, 4, 10, 6), new GroupOffset(topic, 1, 10, 10, 0),
                    new GroupOffset(topic, 2, -1, 10, 10)), seen.offsets());
            assertEquals(16, seen.totalLag());
            assertEquals("Stable", seen.state());
            assertEquals("classic", seen.type());
            assertEquals(1, seen.members().size());
        }
    }

    @Test
    void resettingAnEmptyGroupsOffsetsToEarliestIsAnOffsetsResetAndAfterReReadingTheyGoBackUp() throws Exception {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        TopicPartition partition = new TopicPartition(topic, 0);
        Kafka.createTopic(bootstrap, topic, 1);
        produce(topic, 0, 20);
        readAndCommitEverything(group, topic, 20);
        awaitGroup(monitor, group, "the first read committed", g -> g.offset(topic, 0)
                .filter(o -> o.committed() == 20).isPresent() && g.members().isEmpty());

        try (Admin admin = Kafka.admin(bootstrap)) {
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(0))).all().get();
        }

        await("an OFFSETS_RESET event").atMost(Duration.ofSeconds(20))
                .until(() -> monitor.history().events(group).stream().anyMatch(e -> e.kind() == Kind.OFFSETS_RESET));
        GroupEvent reset = monitor.history().events(group).stream()
                .filter(e -> e.kind() == Kind.OFFSETS_RESET).findFirst().orElseThrow();
        assertEquals(topic, reset.topic());
        assertEquals(0, reset.partition());
        assertEquals(20, reset.from());
        assertEquals(0, reset.to());
        assertEquals("committed offset of " + topic + "-0 went back from 20 to 0: the group's offsets were reset and"
                + " it will re-read", reset.detail());

        readAndCommitEverything(group, topic, 20);
        GroupState reread = awaitGroup(monitor, group, "the re-read committed",
                g -> g.offset(topic, 0).filter(o -> o.committed() == 20).isPresent());
        assertEquals(0, reread.totalLag());
        List<Long> committedOverTime = monitor.history().samples(group).stream()
                .map(s -> s.offsets().get(0).committed()).toList();
        assertTrue(committedOverTime.indexOf(20L) < committedOverTime.indexOf(0L)
                        && committedOverTime.lastIndexOf(20L) > committedOverTime.indexOf(0L),
                "history shows 20, then 0, then 20 again: " + committedOverTime);
    }

    @Test
    @SuppressWarnings("try") // the consumers only need to be members while the body runs
    void membersAndTheirPartitionsAppearAndASecondConsumerJoiningIsAJoinAndARebalance() throws Exception {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        Kafka.createTopic(bootstrap, topic, 2);
        List<TopicPartitionRef> both = List.of(new TopicPartitionRef(topic, 0), new TopicPartitionRef(topic, 1));

        try (PollingConsumer first = new PollingConsumer(bootstrap, group, topic, "first", Map.of())) {
            GroupState alone = awaitGroup(monitor, group, "one member owning both partitions",
                    g -> g.state().equals("Stable") && g.members().size() == 1
                            && g.members().get(0).assignment().equals(both));
            MemberState member = alone.members().get(0);
            assertEquals("first", member.clientId());
            assertTrue(member.host().contains("127.0.0.1"), member.host());
            assertEquals("range", alone.protocol());

            try (PollingConsumer second = new PollingConsumer(bootstrap, group, topic, "second", Map.of())) {
                GroupState shared = awaitGroup(monitor, group, "two members with a partition each",
                        g -> g.state().equals("Stable") && g.members().size() == 2
                                && g.members().stream().allMatch(m -> m.assignment().size() == 1));
                assertTrue(shared.generation() > alone.generation(),
                        "generation " + alone.generation() + " -> " + shared.generation());
                List<Kind> kinds = monitor.history().events(group).stream().map(GroupEvent::kind).toList();
                GroupEvent joined = monitor.history().events(group).stream()
                        .filter(e -> e.kind() == Kind.MEMBER_JOINED && e.from() == 1).findFirst().orElseThrow();
                assertTrue(joined.detail().contains("client second"), joined.detail());
                assertEquals(2, joined.to());
                assertTrue(kinds.contains(Kind.REASSIGNED), kinds.toString());
                List<Integer> membersOverTime = monitor.history().samples(group).stream()
                        .map(s -> s.memberIds().size()).toList();
                assertTrue(membersOverTime.contains(1) && membersOverTime.lastIndexOf(2) > membersOverTime.indexOf(1),
                        "history shows one member, then two: " + membersOverTime);
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the consumers only need to be members while the body runs
    void aConsumerProtocolGroupIsTypedConsumerAndItsGenerationIsKafkasGroupEpoch() throws Exception {
        String topic = Names.unique("orders");
        String group = Names.unique("billing");
        Kafka.createTopic(bootstrap, topic, 2);
        Map<String, Object> newProtocol = Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");

        try (PollingConsumer first = new PollingConsumer(bootstrap, group, topic, "first", newProtocol)) {
            GroupState alone = awaitGroup(monitor, group, "one member owning both partitions",
                    g -> g.members().size() == 1 && g.members().get(0).assignment().size() == 2);
            assertEquals("consumer", alone.type());
            assertTrue(alone.generation() >= 1, "group epoch " + alone.generation());
            try (PollingConsumer second = new PollingConsumer(bootstrap, group, topic, "second", newProtocol)) {
                // Not waiting for the partitions to move: members learn of it by heartbeat, every 5 s by default.
                GroupState joined = awaitGroup(monitor, group, "two members", g -> g.members().size() == 2);
                assertTrue(joined.generation() > alone.generation(),
                        "group epoch " + alone.generation() + " -> " + joined.generation());
                assertTrue(monitor.history().events(group).stream().anyMatch(e -> e.kind() == Kind.MEMBER_JOINED
                        && e.detail().contains("client second")), monitor.history().events(group)::toString);
            }
        }
    }

    private void produce(String topic, int partition, int count) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> records.add(new ProducerRecord<>(topic, partition, "k" + i, "v" + i)));
        Kafka.produce(bootstrap, topic, records);
    }

    private void readAndCommitEverything(String group, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap, group, Map.of())) {
            consumer.subscribe(List.of(topic));
            assertEquals(expected, Kafka.pollUntil(consumer, expected, Duration.ofSeconds(20)).size());
            consumer.commitSync();
        }
    }
}
