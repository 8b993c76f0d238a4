package dev.streamlab.web.live;

import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected page: its subscriptions, the frames it has not yet taken, and when it last took one. The hub writes
 * to it with at most {@link HubSettings#maxInFlight()} frames outstanding, so its memory is bounded whatever it does.
 */
public final class LiveClient {
    private final String id;
    private final LiveSink sink;
    final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Answers to the client's own requests (subscribed, errors), sent before any data. */
    final Queue<String> replies = new ConcurrentLinkedQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong lastProgressNanos;
    final AtomicLong framesSent = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();
    /** Something new (data or an answer) since its last frame; set by any thread, cleared by the hub's thread. */
    final AtomicBoolean changed = new AtomicBoolean();
    /**
     * Data came while a frame was still outstanding: the client is paced by ticks (one frame per flush interval)
     * until a tick finds nothing in flight. Touched by the hub's thread only.
     */
    boolean coalescing;

    LiveClient(String id, LiveSink sink, long nowNanos) {
        this.id = Objects.requireNonNull(id, "id");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.lastProgressNanos = new AtomicLong(nowNanos);
    }

    public String id() {
        return id;
    }

    public boolean isClosed() {
        return closed.get();
    }

    public long framesSent() {
        return framesSent.get();
    }

    LiveSink sink() {
        return sink;
    }
}
