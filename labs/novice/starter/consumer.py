# consumer.py: read the topic in a consumer group, from the earliest offset the first time.
# Usage: python3 consumer.py [topic] [group] [idle-seconds]
import os
import sys

from kafka import KafkaConsumer

bootstrap = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")
topic = sys.argv[1] if len(sys.argv) > 1 else "orders"
group = sys.argv[2] if len(sys.argv) > 2 else "billing"
idle_seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 5

consumer = KafkaConsumer(
    topic,
    bootstrap_servers=bootstrap,
    # TODO: join the consumer group `group` (group_id=...), so Kafka remembers how far it got.
    # TODO: start from the beginning the first time (auto_offset_reset=...); the default is "latest".
    enable_auto_commit=True,
    consumer_timeout_ms=int(idle_seconds * 1000),  # stop after this long without a record
)
read = 0
for record in consumer:
    key = record.key.decode("utf-8") if record.key is not None else None
    # TODO: print the partition and offset too.
    print(f"key={key} value={record.value.decode('utf-8')}")
    read += 1
consumer.commit()  # where we got to, so the next run (or the lab) sees it (needs a group_id)
consumer.close()
print(f"read {read} records; group {group} committed its offsets")
