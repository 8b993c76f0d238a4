package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.kafka.EventTime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.PageActionHandler;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts;
import dev.streamlab.lab.validate.TopicFacts;
import dev.streamlab.lab.validate.intermediate.InputEvents.Event;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "Inject a late event": produces to the learner's input topic one event whose event_time lies 1.5 windows before the
 * newest event's, in the newest event's partition and with a key the topic already uses, so it arrives after a newer
 * event from a later window. It copies the newest event's fields (so the learner's program reads it like any other),
 * writes the time in the topic's own format, marks it {@code "late": true} and gives it a fresh id when the events
 * carry a unique one.
 */
final class InjectLateEvent implements PageActionHandler {
    private final TopicFacts topics;
    private final RecordFacts records;
    private final KafkaClients clients;

    InjectLateEvent(TopicFacts topics, RecordFacts records, KafkaClients clients) {
        this.topics = topics;
        this.records = records;
        this.clients = clients;
    }

    @Override
    public Outcome run(Submission submission, Params params) {
        String topic = submission.topic();
        if (topic == null || topics.topic(topic).isEmpty()) {
            throw new IllegalArgumentException("There is no topic " + (topic == null ? "named" : topic)
                    + " yet. Produce a few events with an event_time to it first (step 1), then inject a late one.");
        }
        List<Event> events = InputEvents.read(records, topic).events();
        if (events.isEmpty()) {
            throw new IllegalArgumentException(topic + " has no events with an event_time yet. Produce a few first "
                    + "(step 1), then inject a late one.");
        }
        long size = params.integer("windowSeconds", 60) * 1000L;
        Event newest = events.stream().max(Comparator.comparingLong((Event e) -> e.time().millis())).orElseThrow();
        EventTime.Format format = newest.time().format();
        JsonNode written = format.write(newest.time().millis() - size * 3 / 2);
        long lateMillis = parse(written);
        ObjectNode value = newest.value().deepCopy();
        value.set(InputEvents.FIELD, written);
        value.put("late", true);
        freshIdentity(value, events);
        String key = newest.key() != null ? newest.key() : events.stream()
                .filter(e -> e.partition() == newest.partition() && e.key() != null)
                .map(Event::key).findFirst().orElse(null);
        RecordMetadata meta = produce(topic, newest.partition(), key, value.toString());
        Window window = Window.containing(lateMillis, size);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("partition", meta.partition());
        details.put("offset", meta.offset());
        if (key != null) {
            details.put("key", key);
        }
        details.put("value", value.toString());
        details.put("window_start", format.write(window.start()).asText());
        details.put("window_end", format.write(window.end()).asText());
        return new Outcome("Produced a late event to " + topic + " partition " + meta.partition() + " at offset "
                + meta.offset() + ": event_time " + Window.clock(lateMillis) + ", while the newest event is "
                + Window.clock(newest.time().millis()) + "; it belongs in window " + window + " (UTC).", details);
    }

    private static long parse(JsonNode written) {
        try {
            return EventTime.parse(written).millis();
        } catch (EventTime.Unreadable e) {
            throw new IllegalStateException("the lab wrote a time it cannot read: " + written, e);
        }
    }

    /**
     * The events' identity field, if they have one: "id" or a name ending in "_id" whose values differ in every
     * event (so "order_id" qualifies and a repeated "customer_id" does not). The late event gets an unused value.
     */
    static void freshIdentity(ObjectNode value, List<Event> events) {
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("id") && !name.endsWith("_id")) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            boolean unique = events.stream().allMatch(e -> e.value().has(name) && seen.add(e.value().get(name).asText()));
            if (!unique) {
                continue;
            }
            boolean numeric = events.stream().allMatch(e -> e.value().get(name).canConvertToLong());
            if (numeric) {
                value.put(name, events.stream().mapToLong(e -> e.value().get(name).asLong()).max().orElse(0) + 1);
            } else {
                value.put(name, "late-" + UUID.randomUUID().toString().substring(0, 8));
            }
            return;
        }
    }

    private RecordMetadata produce(String topic, int partition, String key, String value) {
        Map<String, Object> config = clients.config(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "streamlab-inject-late-event",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(topic, partition, key, value)).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("could not produce the late event to " + topic + ": " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing the late event");
        }
    }
}
