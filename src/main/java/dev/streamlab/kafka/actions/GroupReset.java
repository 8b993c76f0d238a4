package dev.streamlab.kafka.actions;

import java.util.List;

/** The offsets a reset committed for a group, one per partition of the topic, in partition order. */
public record GroupReset(String group, String topic, String to, List<PartitionOffset> partitions) {
}
