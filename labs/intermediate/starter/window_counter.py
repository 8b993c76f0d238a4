# window_counter.py - your windowed count over event time (starter).
#
#   python3 window_counter.py timed-orders order-counts
#
# Reads the input topic from the beginning and writes one JSON record per changed window to the output topic:
#   {"window_start": ..., "window_end": ..., "count": N}
# A later record for the same window replaces an earlier one, so write a window again whenever its count changes.
import json
import math
import os
import sys
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

BOOTSTRAP = os.environ.get("STREAMLAB_BOOTSTRAP", "{{bootstrap}}")
TOPIC = sys.argv[1] if len(sys.argv) > 1 else "timed-orders"
OUTPUT = sys.argv[2] if len(sys.argv) > 2 else "order-counts"
WINDOW_SECONDS = 60
IDLE_SECONDS = 30   # stop after this long without new events


def event_seconds(event_time):
    """The event's own time in epoch seconds. The quest's producer writes time.time(): seconds with a fraction."""
    return float(event_time)


def window_start(seconds):
    # TODO: the start of the tumbling window of WINDOW_SECONDS that `seconds` falls in.
    #       Windows start at whole multiples of WINDOW_SECONDS since the epoch (12:00:00, 12:01:00, ...),
    #       and use the event's time, never time.time() - that would be processing time.
    raise NotImplementedError("window_start is yours to write")


# No consumer group: every run reads the topic from its start and rebuilds the counts.
consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=None, enable_auto_commit=False)
partitions = [TopicPartition(TOPIC, p) for p in sorted(consumer.partitions_for_topic(TOPIC) or [])]
consumer.assign(partitions)
consumer.seek_to_beginning(*partitions)
producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, value_serializer=lambda v: json.dumps(v).encode())

counts = {}   # window start (epoch seconds) -> count
last_event = time.monotonic()
while time.monotonic() - last_event < IDLE_SECONDS:
    batch = consumer.poll(timeout_ms=500)
    changed = set()
    for records in batch.values():
        for record in records:
            event = json.loads(record.value)
            start = window_start(event_seconds(event["event_time"]))
            counts[start] = counts.get(start, 0) + 1
            changed.add(start)
    if batch:
        last_event = time.monotonic()
    for start in sorted(changed):
        # TODO: is this what a later reader needs to replace the window's earlier count?
        producer.send(OUTPUT, key=str(start).encode(),
                      value={"window_start": start, "window_end": start + WINDOW_SECONDS, "count": counts[start]})
    producer.flush()
