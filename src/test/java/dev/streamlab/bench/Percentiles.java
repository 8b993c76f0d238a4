package dev.streamlab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The benchmarks' one percentile: nearest rank over the values (NaN for none), so every report reads the same. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The {@code p}th percentile (0 < p <= 100) of {@code values} by nearest rank; 100 is the maximum. */
    public static double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
