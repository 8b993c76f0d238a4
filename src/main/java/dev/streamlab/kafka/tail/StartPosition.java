package dev.streamlab.kafka.tail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a tail starts reading each partition. Partitions added to the topic while the tail runs did not exist when
 * it started, so they are always read from their log start.
 */
public sealed interface StartPosition {

    /** What {@link #parse} accepts, for error messages and help texts. */
    String FORMS = "end, end:<records per partition>, offset:<offset>, time:<ISO-8601 instant> or time:<epoch millis>";

    /** This form as {@link #parse} reads it, e.g. {@code end:50}. */
    String text();

    /**
     * Starts {@code backlogPerPartition} offsets before the end of each partition, never before its log start;
     * 0 shows only records written after the tail opened. For read_committed the end is the last stable offset, and
     * aborted records and transaction markers take offsets too, so fewer records than the backlog may show.
     */
    record End(int backlogPerPartition) implements StartPosition {
        public End {
            if (backlogPerPartition < 0) {
                throw new IllegalArgumentException("the backlog must be 0 or more records per partition, got "
                        + backlogPerPartition);
            }
        }

        @Override
        public String text() {
            return backlogPerPartition == 0 ? "end" : "end:" + backlogPerPartition;
        }
    }

    /** Starts every partition at this offset, clamped to [log start, end] of that partition. */
    record FromOffset(long offset) implements StartPosition {
        public FromOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("the offset must be 0 or more, got " + offset);
            }
        }

        @Override
        public String text() {
            return "offset:" + offset;
        }
    }

    /**
     * Starts every partition at its first record with a timestamp at or after {@code time} (Kafka's offsetsForTimes);
     * a partition with no such record starts at its end.
     */
    record FromTime(Instant time) implements StartPosition {
        /** The latest time a tail starts from; Kafka's timestamps are epoch millis, and nothing is written later. */
        public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

        public FromTime {
            Objects.requireNonNull(time, "time");
            if (time.isAfter(LATEST)) {
                throw new IllegalArgumentException("the time must not be after " + LATEST + ", got " + time);
            }
            if (time.isBefore(Instant.EPOCH)) {
                throw new IllegalArgumentException("the time must not be before 1970-01-01T00:00:00Z, got " + time);
            }
        }

        @Override
        public String text() {
            return "time:" + time;
        }
    }

    /** Reads {@code end}, {@code end:50}, {@code offset:120}, {@code time:2026-11-25T10:00:00Z} or {@code time:<millis>}. */
    static StartPosition parse(String from) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("say where to start: " + FORMS);
        }
        String text = from.strip();
        int colon = text.indexOf(':');
        String kind = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? null : text.substring(colon + 1).strip();
        switch (kind) {
            case "end" -> {
                if (argument == null) {
                    return new End(0);
                }
                long backlog = wholeNumber(argument, text, "a number of records per partition, as in end:50");
                if (backlog > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("'" + text + "': the backlog is at most " + Integer.MAX_VALUE
                            + " records per partition");
                }
                return new End((int) backlog);
            }
            case "offset" -> {
                if (argument == null) {
                    throw new IllegalArgumentException("'" + text + "': say which offset, as in offset:120");
                }
                return new FromOffset(wholeNumber(argument, text, "an offset of 0 or more, as in offset:120"));
            }
            case "time" -> {
                if (argument == null || argument.isEmpty()) {
                    throw new IllegalArgumentException("'" + text
                            + "': say which time, as in time:2026-11-25T10:00:00Z or time:1795600800000");
                }
                return new FromTime(instant(argument, text));
            }
            default -> throw new IllegalArgumentException("'" + text + "' is not a start position; use " + FORMS);
        }
    }

    private static long wholeNumber(String argument, String text, String expected) {
        if (!argument.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("'" + text + "': expected " + expected);
        }
        return Long.parseLong(argument);
    }

    private static Instant instant(String argument, String text) {
        if (argument.matches("[0-9]{1,18}")) {
            return Instant.ofEpochMilli(Long.parseLong(argument));
        }
        try {
            return Instant.parse(argument);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(argument).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "': expected an ISO-8601 instant such as "
                        + "2026-11-25T10:00:00Z or epoch millis such as 1795600800000");
            }
        }
    }
}
