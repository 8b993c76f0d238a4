package dev.streamlab.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An event's own time, read from its {@code event_time}: a number below 10^11 is epoch seconds (a fraction is kept to
 * the millisecond, rounded down, so a window's edge is never crossed), a larger number epoch milliseconds, a text
 * ISO-8601 with a {@code Z} or an offset (or such a number). The format is kept so the lab can write a time back the
 * way the learner's events do.
 */
public record EventTime(long millis, Format format) {
    /** Numbers at or above this are milliseconds: 10^11 seconds is the year 5138, 10^11 ms is March 1973. */
    static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(100_000_000_000L);
    /**
     * Reads JSON so that an {@code event_time} with a fraction keeps every digit it was written with: read as a
     * double, 1764071999.9999999 would already be 12:00:00, the next minute's window.
     */
    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public EventTime {
        Objects.requireNonNull(format, "format");
    }

    /** How a time is written. */
    public enum Format {
        SECONDS("epoch seconds"),
        SECONDS_WITH_FRACTION("epoch seconds with a fraction"),
        MILLIS("epoch milliseconds"),
        ISO("ISO-8601 text");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        /** {@code millis} written in this format, as a JSON value. */
        public JsonNode write(long millis) {
            return switch (this) {
                case SECONDS -> LongNode.valueOf(Math.floorDiv(millis, 1000));
                case SECONDS_WITH_FRACTION -> DecimalNode.valueOf(BigDecimal.valueOf(millis, 3));
                case MILLIS -> LongNode.valueOf(millis);
                case ISO -> TextNode.valueOf(Instant.ofEpochMilli(millis).toString());
            };
        }
    }

    /** Why a value is not a time, in words for the learner. */
    public static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Reads a JSON value (such as the {@code event_time} field); a missing or null value is unreadable too. */
    public static EventTime parse(JsonNode node) throws Unreadable {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new Unreadable("it is missing");
        }
        if (node.isNumber()) {
            return fromNumber(node.decimalValue(), node.isIntegralNumber(), node.toString());
        }
        if (node.isTextual()) {
            return fromText(node.asText().trim());
        }
        throw new Unreadable(abbreviate(node.toString()) + " is neither a number nor a text");
    }

    /** Reads text as a JSON value would be read: a number in text, or ISO-8601. */
    public static EventTime parse(String text) throws Unreadable {
        return parse(JsonNodeFactory.instance.textNode(text));
    }

    private static EventTime fromNumber(BigDecimal value, boolean integral, String shown) throws Unreadable {
        boolean fraction = !integral && value.stripTrailingZeros().scale() > 0;
        try {
            if (value.abs().compareTo(MILLIS_FROM) < 0) {
                long millis = value.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
                return new EventTime(millis, fraction ? Format.SECONDS_WITH_FRACTION : Format.SECONDS);
            }
            return new EventTime(value.setScale(0, RoundingMode.FLOOR).longValueExact(), Format.MILLIS);
        } catch (ArithmeticException e) {
            throw new Unreadable(abbreviate(shown) + " is too large to be a time");
        }
    }

    private static EventTime fromText(String text) throws Unreadable {
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return fromNumber(new BigDecimal(text), !text.contains("."), "\"" + text + "\"");
        }
        try {
            return new EventTime(Instant.parse(text).toEpochMilli(), Format.ISO);
        } catch (DateTimeParseException e) {
            try {
                return new EventTime(OffsetDateTime.parse(text).toInstant().toEpochMilli(), Format.ISO);
            } catch (DateTimeParseException e2) {
                throw new Unreadable("\"" + abbreviate(text) + "\" is not epoch seconds, epoch milliseconds or "
                        + "ISO-8601 with a zone (like 2026-11-25T11:59:30Z)");
            }
        }
    }

    public static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
