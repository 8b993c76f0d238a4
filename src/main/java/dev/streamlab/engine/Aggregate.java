package dev.streamlab.engine;

/** The aggregate of the numeric values of all elements in a window when it fired: count, sum, min, max (average derived). */
public record Aggregate(long count, double sum, double min, double max) {

    public Aggregate {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
    }

    /** The mean value, or NaN for an empty aggregate. */
    public double average() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
