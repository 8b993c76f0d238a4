package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** JSON helpers shared by orders and output records: money is written in currency units, held in cents. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode object(String json, String what) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + abbreviate(json));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object: " + abbreviate(json));
        }
        return root;
    }

    static String text(JsonNode root, String field, String what) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(what + " needs a string \"" + field + "\"");
        }
        return n.asText();
    }

    static long cents(JsonNode root, String field, String what) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException(what + " needs a number \"" + field + "\"");
        }
        return cents(n);
    }

    /** Currency units (12.5) to cents (1250), rounding half-up past two decimals. */
    static long cents(JsonNode number) {
        return number.decimalValue().movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Cents (1250) to currency units as written: 12.5, 12.34, 3. */
    static BigDecimal units(long cents) {
        BigDecimal units = BigDecimal.valueOf(cents, 2).stripTrailingZeros();
        return units.scale() < 0 ? units.setScale(0) : units;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
