package dev.streamlab.kafka.tail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** A sink and a problems callback for tests: remembers every batch, record and problem report, thread-safely. */
final class Recorder implements Consumer<TailBatch> {
    private final List<TailBatch> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(TailBatch batch) {
        batches.add(batch);
    }

    Consumer<String> problems() {
        return problems::add;
    }

    List<TailBatch> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    List<TailRecord> records() {
        return batches().stream().flatMap(b -> b.records().stream()).toList();
    }

    List<String> values() {
        return records().stream().map(TailRecord::value).toList();
    }

    /** Every problem report in order, {@code null} standing for "the problem is over". */
    List<String> problemReports() {
        synchronized (problems) {
            return new ArrayList<>(problems);
        }
    }
}
