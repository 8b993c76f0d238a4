package dev.streamlab.lab.validate;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.kafka.monitor.ClusterMonitor;
import dev.streamlab.kafka.monitor.GroupEvent;
import dev.streamlab.kafka.monitor.GroupOffset;
import dev.streamlab.kafka.monitor.GroupSample;
import dev.streamlab.kafka.monitor.GroupState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fact interfaces answered from a real cluster: topics and committed offsets from the Admin API at the moment
 * of asking, records by reading the topic without a group, and a group's past from the lab's cluster monitor.
 */
public final class KafkaFacts implements TopicFacts, RecordFacts, GroupFacts {
    private static final int TIMEOUT_MS = 10_000;

    private final KafkaClients clients;
    private final ClusterMonitor monitor;

    public KafkaFacts(KafkaClients clients, ClusterMonitor monitor) {
        this.clients = clients;
        this.monitor = monitor;
    }

    @Override
    public Optional<Topic> topic(String name) {
        try (Admin admin = clients.admin("streamlab-check", TIMEOUT_MS)) {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(name)).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .get(name);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return Optional.empty();
                }
                throw failure("describe topic " + name, e);
            }
            Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            description.partitions().forEach(p -> {
                earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start =
                    admin.listOffsets(earliest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                    admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<Partition> partitions = description.partitions().stream().map(p -> {
                TopicPartition tp = new TopicPartition(name, p.partition());
                return new Partition(p.partition(), start.get(tp).offset(), end.get(tp).offset());
            }).toList();
            return Optional.of(new Topic(name, partitions));
        } catch (ExecutionException | TimeoutException e) {
            throw failure("describe topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    @Override
    public List<Seen> records(String topic, boolean readCommitted) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.config(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "streamlab-check",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
            var infos = consumer.listTopics(Duration.ofMillis(TIMEOUT_MS)).get(topic);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofMillis(TIMEOUT_MS));
            Map<Integer, List<Seen>> byPartition = new java.util.TreeMap<>();
            int count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count < MAX_RECORDS && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && count < MAX_RECORDS) {
                        byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(seen(r));
                        count++;
                    }
                }
            }
            List<Seen> all = new ArrayList<>();
            byPartition.values().forEach(all::addAll);
            return all;
        }
    }

    private static Seen seen(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : text(h.value()));
        }
        headers.values().removeIf(java.util.Objects::isNull);
        return new Seen(r.partition(), r.offset(), r.key() == null ? null : text(r.key()),
                r.value() == null ? null : text(r.value()), r.timestamp(), headers);
    }

    /** UTF-8 text, or the bytes in hex when they are not UTF-8 (checks then see a value that is plainly not JSON). */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
    }

    @Override
    public Optional<Group> group(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try (Admin admin = clients.admin("streamlab-check", TIMEOUT_MS)) {
            offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failure("read the offsets of group " + groupId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        Map<String, Long> committed = new LinkedHashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp.topic() + "-" + tp.partition(), om.offset());
            }
        });
        Optional<GroupState> state = monitor.latest().group(groupId);
        if (state.isEmpty() && committed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Group(groupId, state.map(GroupState::state).orElse("Unknown"),
                state.map(s -> s.members().size()).orElse(0), committed));
    }

    @Override
    public List<Sample> history(String groupId) {
        List<Sample> samples = new ArrayList<>();
        for (GroupSample s : monitor.history().samples(groupId)) {
            Map<String, Long> committed = new LinkedHashMap<>();
            for (GroupOffset o : s.offsets()) {
                if (o.committed() >= 0) {
                    committed.put(o.topic() + "-" + o.partition(), o.committed());
                }
            }
            samples.add(new Sample(s.at(), s.memberIds().size(), committed));
        }
        return samples;
    }

    @Override
    public List<Rewind> rewinds(String groupId) {
        return monitor.history().events(groupId).stream()
                .filter(e -> e.kind() == GroupEvent.Kind.OFFSETS_RESET)
                .map(e -> new Rewind(e.at(), e.topic(), e.partition(), e.from(), e.to()))
                .toList();
    }

    private static IllegalStateException failure(String what, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "Kafka did not answer within " + TIMEOUT_MS / 1000 + " s" : cause.getMessage();
        return new IllegalStateException("could not " + what + ": " + message, cause);
    }
}
