package dev.streamlab.kafka.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Immutable sorted copies for the records' constructors. */
final class Lists {
    private Lists() {
    }

    /** An unmodifiable copy of {@code list} in {@code order}; rejects nulls like {@link List#copyOf}. */
    static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(List.copyOf(list));
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** Like {@link #sorted}, and rejects two elements with the same key. */
    static <T, K> List<T> sortedUnique(List<T> list, Function<T, K> key, Comparator<? super T> order, String what) {
        List<T> sorted = sorted(list, order);
        for (int i = 1; i < sorted.size(); i++) {
            if (key.apply(sorted.get(i)).equals(key.apply(sorted.get(i - 1)))) {
                throw new IllegalArgumentException(what + " " + key.apply(sorted.get(i)) + " appears twice");
            }
        }
        return sorted;
    }
}
