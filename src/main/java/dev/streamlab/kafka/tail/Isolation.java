package dev.streamlab.kafka.tail;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which records a tail shows: every record written (read_uncommitted) or only committed ones (read_committed). */
public enum Isolation {
    /** Every record as soon as it is written, including those of open and aborted transactions. */
    READ_UNCOMMITTED("read_uncommitted"),
    /** Only records outside transactions and of committed transactions, up to the last stable offset. */
    READ_COMMITTED("read_committed");

    private final String kafkaName;

    Isolation(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The value of the consumer's {@code isolation.level} setting, e.g. {@code read_committed}. */
    public String kafkaName() {
        return kafkaName;
    }

    /** Parses a Kafka name ({@code read_committed}, {@code read_uncommitted}), ignoring case and surrounding blanks. */
    public static Isolation parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Isolation isolation : values()) {
            if (isolation.kafkaName.equals(wanted)) {
                return isolation;
            }
        }
        throw new IllegalArgumentException("isolation must be one of "
                + Arrays.stream(values()).map(Isolation::kafkaName).collect(Collectors.joining(", "))
                + "; got " + (text == null ? "nothing" : "'" + text + "'"));
    }
}
