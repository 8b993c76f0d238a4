package dev.streamlab.lab.validate.intermediate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A window of event time {@code [start, end)} in epoch milliseconds: it holds {@code start} and not {@code end}. A
 * tumbling window of size {@code s} starts at a multiple of {@code s} since the epoch.
 */
public record Window(long start, long end) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    public Window {
        if (end <= start) {
            throw new IllegalArgumentException("a window ends after it starts, got [" + start + ", " + end + ")");
        }
    }

    /** The tumbling window of {@code sizeMillis} that holds {@code millis}. */
    public static Window containing(long millis, long sizeMillis) {
        if (sizeMillis <= 0) {
            throw new IllegalArgumentException("a window size is positive, got " + sizeMillis);
        }
        long start = Math.floorDiv(millis, sizeMillis) * sizeMillis;
        return new Window(start, start + sizeMillis);
    }

    public long size() {
        return end - start;
    }

    public boolean aligned() {
        return Math.floorMod(start, size()) == 0;
    }

    public boolean overlaps(Window other) {
        return start < other.end && other.start < end;
    }

    /** A time of day in UTC, as the checks' evidence writes it: {@code 11:59:30}. */
    public static String clock(long millis) {
        return CLOCK.format(Instant.ofEpochMilli(millis));
    }

    /** A size for people: {@code 60 s}, or {@code 1.5 s}. */
    public static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    @Override
    public String toString() {
        return "[" + clock(start) + ", " + clock(end) + ")";
    }
}
