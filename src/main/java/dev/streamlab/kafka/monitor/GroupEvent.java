package dev.streamlab.kafka.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a group, said in one sentence ({@code detail}). For offset events {@code topic} and
 * {@code partition} name the partition and {@code from}/{@code to} are the committed offsets before and after
 * (-1 for none); for member events topic is null, partition -1 and from/to the member counts; for REASSIGNED
 * topic is null, partition -1 and from/to the generations.
 */
public record GroupEvent(Instant at, String groupId, Kind kind, String detail, String topic, int partition,
                         long from, long to) {
    /** What happened. */
    public enum Kind {
        /** A member appeared in the group. */
        MEMBER_JOINED,
        /** A member is no longer in the group. */
        MEMBER_LEFT,
        /** The group's generation changed: partitions were handed out again. */
        REASSIGNED,
        /** A committed offset moved backwards: the group's offsets were reset and it will re-read. */
        OFFSETS_RESET,
        /** A committed offset disappeared: deleted with the group, its topic or by an admin. */
        OFFSETS_DELETED
    }

    public GroupEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        boolean offsetEvent = kind == Kind.OFFSETS_RESET || kind == Kind.OFFSETS_DELETED;
        if (offsetEvent != (topic != null) || offsetEvent != (partition >= 0)) {
            throw new IllegalArgumentException("offset events name a partition, other events do not: " + kind
                    + " with " + topic + "-" + partition);
        }
    }
}
