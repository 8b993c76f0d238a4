package dev.streamlab.kafka.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.kafka.EventTime;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Reads an input record's JSON value {@code {"key": "cust-1", "ts": <epoch ms>, "value": 12.5}}:
 * <ul>
 *   <li>{@code key}: a string, number or boolean; missing: the record's key; no record key either: {@code "∅"};</li>
 *   <li>{@code ts} (epoch ms) or else {@code event_time}, read by {@link EventTime} exactly as the challenges' checks
 *       read it (epoch seconds, with a fraction as Python's {@code time.time()} writes, epoch ms or ISO-8601);
 *       missing both: the record's timestamp;</li>
 *   <li>{@code value}: a number; missing: 0, as in the scenario format (the window still counts the element).</li>
 * </ul>
 */
final class InputRecords {
    static final String NO_KEY = "∅";
    /** The header that carries the record's processing time on a virtual clock (playback), as a decimal. */
    static final String ARRIVAL_HEADER = "streamlab-arrival-ms";

    /** A record that cannot be read: the reason says which field and why. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    record Input(String key, long ts, double value) {
    }

    private InputRecords() {
    }

    static Input read(byte[] recordKey, byte[] recordValue, long recordTimestamp) throws Unreadable {
        if (recordValue == null) {
            throw new Unreadable("no value (a tombstone); expected a JSON object like {\"key\":\"cust-1\",\"ts\":1795608000000,\"value\":12.5}");
        }
        JsonNode root;
        try {
            root = EventTime.JSON.readTree(recordValue);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new Unreadable("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Unreadable("not a JSON object: " + abbreviate(new String(recordValue, StandardCharsets.UTF_8)));
        }
        String key = key(root.get("key"), recordKey);
        long ts = timestamp(root, recordTimestamp);
        double value = 0;
        JsonNode v = root.get("value");
        if (v != null && !v.isNull()) {
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new Unreadable("value: " + abbreviate(v.toString()) + " is not a finite number");
            }
            value = v.asDouble();
        }
        return new Input(key, ts, value);
    }

    /** The arrival time from the {@link #ARRIVAL_HEADER} header, or {@code null} when absent or not a number. */
    static Long arrival(Header header) {
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String key(JsonNode key, byte[] recordKey) throws Unreadable {
        if (key != null && !key.isNull()) {
            if (!key.isValueNode()) {
                throw new Unreadable("key: " + abbreviate(key.toString()) + " is not a string, number or boolean");
            }
            return key.asText();
        }
        return recordKey == null ? NO_KEY : new String(recordKey, StandardCharsets.UTF_8);
    }

    private static long timestamp(JsonNode root, long recordTimestamp) throws Unreadable {
        JsonNode ts = root.get("ts");
        if (ts != null && !ts.isNull()) {
            if (!ts.isIntegralNumber() || !ts.canConvertToLong()) {
                throw new Unreadable("ts: " + abbreviate(ts.toString()) + " is not an integer (epoch milliseconds)");
            }
            return checked(ts.asLong(), "ts");
        }
        JsonNode et = root.get("event_time");
        if (et != null && !et.isNull()) {
            try {
                return EventTime.parse(et).millis();
            } catch (EventTime.Unreadable e) {
                throw new Unreadable("event_time: " + e.getMessage());
            }
        }
        if (recordTimestamp < 0) {
            throw new Unreadable("no ts, no event_time and no record timestamp");
        }
        return recordTimestamp;
    }

    private static long checked(long ts, String field) throws Unreadable {
        if (ts == Long.MIN_VALUE) {
            throw new Unreadable(field + ": out of range");
        }
        return ts;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
