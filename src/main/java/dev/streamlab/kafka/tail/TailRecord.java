package dev.streamlab.kafka.tail;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One record as a tail shows it. Key and value are text decoded strictly as UTF-8; when either is not valid UTF-8,
 * {@code binary} is true and both are lowercase hex instead. Text longer than {@link #TEXT_LIMIT} characters (hex:
 * {@code TEXT_LIMIT / 2} bytes) is cut there and ends with {@link #truncationMarker(int)} of its real size;
 * {@code valueBytes} is always the value's real size (0 for a tombstone, whose value is null).
 */
public record TailRecord(String topic, int partition, long offset, String key, long timestamp, String timestampType,
                         List<TailHeader> headers, String value, boolean binary, int valueBytes) {

    /** The most characters of a key, value or header value a tail hands on, not counting the marker. */
    public static final int TEXT_LIMIT = 4096;

    private static final Set<String> TIMESTAMP_TYPES = Set.of("CreateTime", "LogAppendTime");

    public TailRecord {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("a record belongs to a named topic");
        }
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset are 0 or more, got " + partition + "/" + offset);
        }
        if (!TIMESTAMP_TYPES.contains(timestampType)) {
            throw new IllegalArgumentException("timestampType is CreateTime or LogAppendTime, got " + timestampType);
        }
        headers = List.copyOf(headers);
        if (valueBytes < 0 || (value == null && valueBytes != 0)) {
            throw new IllegalArgumentException("valueBytes is the value's size, 0 for a tombstone, got " + valueBytes);
        }
    }

    /** What ends a key, value or header value that was cut at {@link #TEXT_LIMIT}: {@code … [truncated: N bytes]}. */
    public static String truncationMarker(int realBytes) {
        return "… [truncated: " + realBytes + " bytes]";
    }
}
