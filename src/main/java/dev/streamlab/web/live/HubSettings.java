package dev.streamlab.web.live;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub paces clients: one frame per client per {@code flushInterval} at most, at most {@code maxInFlight}
 * frames a client has not yet taken, and a client that takes none for {@code stallTimeout} is disconnected.
 */
public record HubSettings(Duration flushInterval, int maxInFlight, int maxRecordsPerFrame, Duration stallTimeout) {
    public HubSettings {
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive: " + flushInterval);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
        }
        if (maxRecordsPerFrame < 1) {
            throw new IllegalArgumentException("maxRecordsPerFrame must be at least 1: " + maxRecordsPerFrame);
        }
        if (stallTimeout.compareTo(flushInterval) <= 0) {
            throw new IllegalArgumentException("stallTimeout must be longer than flushInterval: " + stallTimeout);
        }
    }

    /** 20 frames a second, as the issue asks; a browser tab in the background may stall for a while before it is cut. */
    public static HubSettings defaults() {
        return new HubSettings(Duration.ofMillis(50), 4, 200, Duration.ofSeconds(15));
    }
}
