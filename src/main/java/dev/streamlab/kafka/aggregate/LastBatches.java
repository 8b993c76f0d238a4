package dev.streamlab.kafka.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Each topic's last batch result, kept for the {@value #KEPT} topics used most recently. Thread-safe. */
final class LastBatches {
    static final int KEPT = 16;

    // Access order, so the topic forgotten first is the one nobody has looked at for longest.
    private final Map<String, BatchResult> byTopic = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchResult> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void remember(String topic, BatchResult result) {
        byTopic.put(topic, result);
    }

    /** The topic's last batch result, null before its first run or after it was forgotten. */
    synchronized BatchResult of(String topic) {
        return byTopic.get(topic);
    }

    synchronized void forget(String topic) {
        byTopic.remove(topic);
    }
}
