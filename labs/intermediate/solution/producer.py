# producer.py - append order events that carry the time they happened ("event_time").
#
#   python3 producer.py [topic] [--count N]
#
# Each event's event_time is time.time() when it is made (epoch seconds with a fraction). Every seventh event is
# deliberately out of order: it "happened" 90 seconds ago, as if a phone had been offline, and it reuses the
# previous event's key so it lands in the same partition, right after a newer event.
import argparse
import json
import os
import time

from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

BOOTSTRAP = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")

parser = argparse.ArgumentParser(description="produce order events with an event_time")
parser.add_argument("topic", nargs="?", default="timed-orders")
parser.add_argument("--count", type=int, default=20)
args = parser.parse_args()

# Three partitions, so the counter really reads several logs at once.
admin = KafkaAdminClient(bootstrap_servers=BOOTSTRAP)
try:
    admin.create_topics([NewTopic(args.topic, num_partitions=3, replication_factor=1)])
except TopicAlreadyExistsError:
    pass
finally:
    admin.close()

producer = KafkaProducer(
    bootstrap_servers=BOOTSTRAP,
    value_serializer=lambda v: json.dumps(v).encode(),
    key_serializer=lambda k: k.encode(),
)
key = "customer-0"
for i in range(args.count):
    late = i % 7 == 6
    if not late:
        key = f"customer-{i % 3}"
    event = {"order_id": i, "customer": key, "amount": 10 * (i + 1),
             "event_time": time.time() - (90 if late else 0)}
    producer.send(args.topic, key=key, value=event)
    time.sleep(0.02)
producer.flush()
print(f"produced {args.count} events to {args.topic}")
