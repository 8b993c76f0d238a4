package dev.streamlab.lab.validate.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.lab.validate.RecordFacts.Seen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reading the challenge's records: orders on the input, one output record per order; unreadable ones are counted. */
final class Records {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Records() {
    }

    /** The values that parsed, how many did not, and the first problem in words. */
    record Parsed<T>(List<T> values, int unreadable, String firstProblem) {
        Parsed {
            values = List.copyOf(values);
        }
    }

    static Parsed<Order> orders(List<Seen> records) {
        return parse(records, Order::parse);
    }

    private static <T> Parsed<T> parse(List<Seen> records, Function<String, T> parser) {
        List<T> values = new ArrayList<>();
        int unreadable = 0;
        String first = null;
        for (Seen r : records) {
            try {
                values.add(parser.apply(r.value()));
            } catch (RuntimeException e) {
                unreadable++;
                if (first == null) {
                    first = "partition " + r.partition() + " offset " + r.offset() + ": " + e.getMessage();
                }
            }
        }
        return new Parsed<>(values, unreadable, first);
    }

    /** A text field of a JSON object value, when the value is one and has it. */
    static Optional<String> field(String value, String name) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            JsonNode field = node == null ? null : node.get(name);
            return field == null || field.isNull() || field.isContainerNode() ? Optional.empty()
                    : Optional.of(field.asText());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static JsonNode json(String value) {
        try {
            return value == null ? null : JSON.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
