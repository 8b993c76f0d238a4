# replay.py: move the group's committed offsets back to the beginning, so its next run reads everything again.
# Stop the group's consumers first: Kafka refuses to move the offsets of a group that has active members.
# Usage: python3 replay.py [topic] [group]
import os
import sys

from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

bootstrap = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")
topic = sys.argv[1] if len(sys.argv) > 1 else "orders"
group = sys.argv[2] if len(sys.argv) > 2 else "billing"

# assign() instead of subscribe(): this consumer does not join the group, it only writes the group's offsets.
consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
if not partitions:
    sys.exit(f"there is no topic named {topic}")
consumer.assign(partitions)
# TODO: move this consumer to the first offset of every partition (seek_to_beginning).
rewound = {tp: OffsetAndMetadata(consumer.position(tp), "") for tp in partitions}
for tp, target in rewound.items():
    print(f"partition={tp.partition} committed={consumer.committed(tp)} -> {target.offset}")
consumer.commit(rewound)
consumer.close(autocommit=False)
print(f"group {group} will read {topic} from the beginning: run consumer.py again")
