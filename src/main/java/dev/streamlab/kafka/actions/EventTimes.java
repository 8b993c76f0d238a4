package dev.streamlab.kafka.actions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a time the way the lab reads event times everywhere: epoch seconds, epoch milliseconds or an ISO-8601
 * instant. A whole number below 10^11 is seconds (10^11 seconds is the year 5138, while 10^11 milliseconds is
 * March 1973), anything larger is milliseconds.
 */
public final class EventTimes {
    /** Whole numbers below this are epoch seconds; at or above it, epoch milliseconds. */
    public static final long SECONDS_BELOW = 100_000_000_000L;

    private EventTimes() {
    }

    /**
     * Parses {@code text} (the JSON number or string as written) into an instant.
     *
     * @param field the request field, named in the error
     * @throws ActionException BAD_REQUEST when the text is none of the three forms or is before 1970
     */
    public static Instant parse(String field, String text) {
        Instant instant = read(field, text);
        long millis;
        try {
            millis = instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw invalid(field, text);
        }
        if (millis < 0) {
            throw beforeEpoch(field, text);
        }
        return instant;
    }

    private static Instant read(String field, String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("-?\\d{1,19}")) {
            long n;
            try {
                n = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw invalid(field, text);
            }
            if (n < 0) {
                throw beforeEpoch(field, text);
            }
            return n < SECONDS_BELOW ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException notOffset) {
                throw invalid(field, text);
            }
        }
    }

    private static ActionException beforeEpoch(String field, String text) {
        return ActionException.badRequest(field + " " + text + " is before 1970; Kafka record timestamps cannot be "
                + "negative, so give a time from 1970 on.");
    }

    private static ActionException invalid(String field, String text) {
        return ActionException.badRequest(field + " \"" + text + "\" is not a time I can read: give epoch seconds "
                + "(1732530000), epoch milliseconds (1732530000000) or an ISO-8601 instant with its zone "
                + "(\"2024-11-25T10:20:00Z\").");
    }
}
