package dev.streamlab.kafka.actions;

import java.util.List;

/**
 * A demo consumer as the learner sees it.
 *
 * @param partitions       the partitions the group currently assigns to it, in order
 * @param recordsConsumed  records processed (and committed) since it started, re-deliveries included
 * @param recordsPerSecond its speed limit; 0 means as fast as it can
 * @param problem          the last error it met and carried on after, or null
 */
public record DemoConsumerView(String id, String group, String topic, boolean paused, int recordsPerSecond,
                               List<Integer> partitions, long recordsConsumed, String problem) {
}
