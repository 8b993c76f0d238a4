package dev.streamlab.engine;

/** Running count, sum, min and max of a window's values; merged when session windows merge. */
final class Accumulator {
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        count++;
        sum += value;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
    }

    void addAll(Accumulator other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    Aggregate snapshot() {
        return new Aggregate(count, sum, min, max);
    }
}
