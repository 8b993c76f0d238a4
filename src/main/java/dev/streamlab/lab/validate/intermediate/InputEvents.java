package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.kafka.EventTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamlab.lab.validate.RecordFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The input topic as the intermediate checks read it: every record whose value is a JSON object with a readable
 * {@code event_time} becomes an {@link Event}; every other record is a {@link Problem} that says where it is and what
 * was found instead. Records are in partition and offset order.
 */
public record InputEvents(List<Event> events, List<Problem> problems) {
    /** Floats are read as decimals so an event time is its exact text, not the nearest double. */
    static final ObjectMapper JSON = EventTime.JSON;
    static final String FIELD = "event_time";

    public InputEvents {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    /**
     * One readable input event: where it is, its key (the record's key, else a {@code "key"} field of the value), its
     * event time, the record's timestamp (when it was produced: processing time as Kafka saw it) and its value.
     */
    public record Event(int partition, long offset, String key, EventTime time, long timestamp, ObjectNode value) {
        public Event {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(value, "value");
        }

        public String where() {
            return "partition " + partition + " offset " + offset;
        }
    }

    /** An input record the counting cannot use: {@code kind} is "not-json" or "no-event-time". */
    public record Problem(int partition, long offset, String kind, String found) {
        public String sentence() {
            return "partition " + partition + " offset " + offset + " " + found;
        }
    }

    public static InputEvents read(RecordFacts facts, String topic) {
        return of(facts.records(topic, true));
    }

    public static InputEvents of(List<RecordFacts.Seen> records) {
        List<Event> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (RecordFacts.Seen r : records) {
            JsonNode value = json(r.value());
            if (value == null || !value.isObject()) {
                problems.add(new Problem(r.partition(), r.offset(), "not-json", r.value() == null
                        ? "has no value (a tombstone)"
                        : "holds " + quote(r.value()) + ", which is not a JSON object"));
                continue;
            }
            try {
                EventTime time = EventTime.parse(value.get(FIELD));
                String key = r.key() != null ? r.key()
                        : value.hasNonNull("key") && value.get("key").isValueNode() ? value.get("key").asText() : null;
                events.add(new Event(r.partition(), r.offset(), key, time, r.timestamp(), (ObjectNode) value));
            } catch (EventTime.Unreadable e) {
                problems.add(new Problem(r.partition(), r.offset(), "no-event-time", value.has(FIELD)
                        ? "has an event_time, but " + e.getMessage()
                        : "has no event_time field; its fields are " + fields(value)));
            }
        }
        return new InputEvents(events, problems);
    }

    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String quote(String text) {
        return "\"" + EventTime.abbreviate(text.strip()) + "\"";
    }

    static String fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none (an empty object)" : String.join(", ", names);
    }
}
