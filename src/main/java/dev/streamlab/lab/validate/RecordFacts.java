package dev.streamlab.lab.validate;

import java.util.List;
import java.util.Map;

/** What a check may read of a topic's records: all of them, from the beginning to the end as it stands now. */
public interface RecordFacts {
    /**
     * The topic's records in partition and offset order, read_committed (as a downstream consumer sees them) or
     * read_uncommitted; empty when the topic does not exist. At most {@link #MAX_RECORDS} are returned.
     */
    List<Seen> records(String topic, boolean readCommitted);

    int MAX_RECORDS = 200_000;

    /** One record as a check sees it: text key and value (null when absent), timestamp in epoch millis. */
    record Seen(int partition, long offset, String key, String value, long timestamp, Map<String, String> headers) {
        public Seen {
            headers = Map.copyOf(headers);
        }
    }
}
