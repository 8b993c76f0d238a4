package dev.streamlab.engine;

/**
 * One call of the window function: the window's full contents when it fired, why, and the arrival index of the
 * event during whose processing it fired ({@code -1} for end of input or before any event).
 */
public record Firing(TimeDomain domain, String key, TimeWindow window, Aggregate result, FireCause cause,
                     long afterEvent, long watermark) {

    public Firing {
        if (domain == null || key == null || window == null || result == null || cause == null) {
            throw new IllegalArgumentException("firing fields must not be null");
        }
    }
}
