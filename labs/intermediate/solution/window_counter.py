# window_counter.py - count events in tumbling windows by their own event_time (reference solution).
#
#   python3 window_counter.py [topic] [output] [--window-seconds 60] [--per-key] [--idle-seconds 30]
#
# Reads the whole input topic from the beginning, puts each event in the window its event_time falls in, and after
# each batch writes the windows that changed to the output topic as JSON:
#   {"window_start": ..., "window_end": ..., "count": N}   (plus "key" with --per-key)
# A later record for the same window replaces an earlier one: the latest record per window is the result.
# A late event simply updates its own (older) window, because the window comes from the event, not from the clock.
import argparse
import json
import math
import os
import time
from datetime import datetime, timezone

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

BOOTSTRAP = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")

parser = argparse.ArgumentParser(description="tumbling window counts by event time")
parser.add_argument("topic", nargs="?", default="timed-orders")
parser.add_argument("output", nargs="?", default="order-counts")
parser.add_argument("--window-seconds", type=int, default=60)
parser.add_argument("--per-key", action="store_true", help="count each record key separately")
parser.add_argument("--idle-seconds", type=float, default=30,
                    help="stop after this long without new events (0: run until Ctrl-C)")
args = parser.parse_args()
SIZE_MS = args.window_seconds * 1000


def parse_event_time(value):
    """Returns (epoch milliseconds, format). Numbers below 10^11 are seconds, larger ones milliseconds."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, str):
        try:
            value = float(value) if "." in value else int(value)
        except ValueError:
            instant = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return math.floor(instant.timestamp() * 1000), "iso"
    if isinstance(value, (int, float)):
        if abs(value) < 1e11:
            return math.floor(value * 1000), "seconds"
        return math.floor(value), "millis"
    raise ValueError(f"{value!r} is not a time")


def write_time(millis, fmt):
    """A window edge in the same format as the events' event_time."""
    if fmt == "seconds":
        return millis // 1000
    if fmt == "millis":
        return millis
    return datetime.fromtimestamp(millis / 1000, timezone.utc).isoformat().replace("+00:00", "Z")


# No consumer group: every run reads the topic from its start and rebuilds the counts, so a restart never loses
# them (the log is the state). A long-lived counter would keep its state in a store and commit offsets instead.
consumer = KafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=None, enable_auto_commit=False)
partitions = [TopicPartition(args.topic, p) for p in sorted(consumer.partitions_for_topic(args.topic) or [])]
if not partitions:
    raise SystemExit(f"there is no topic {args.topic}; run producer.py first")
consumer.assign(partitions)
consumer.seek_to_beginning(*partitions)

producer = KafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all",
                         key_serializer=lambda k: k.encode(), value_serializer=lambda v: json.dumps(v).encode())

counts = {}    # (key, window_start_ms) -> count
formats = {}   # (key, window_start_ms) -> the event_time format seen there
last_event = time.monotonic()
while args.idle_seconds <= 0 or time.monotonic() - last_event < args.idle_seconds:
    batch = consumer.poll(timeout_ms=500)
    changed = set()
    for records in batch.values():
        for record in records:
            try:
                event = json.loads(record.value)
                millis, fmt = parse_event_time(event["event_time"])
            except (ValueError, KeyError, TypeError) as problem:
                print(f"skipping partition {record.partition} offset {record.offset}: {problem!r}")
                continue
            key = record.key.decode() if args.per_key and record.key is not None else None
            window = (key, millis - millis % SIZE_MS)   # the tumbling window this event belongs to
            counts[window] = counts.get(window, 0) + 1
            formats[window] = fmt
            changed.add(window)
    if batch:
        last_event = time.monotonic()
    for key, start in sorted(changed, key=lambda w: (w[0] or "", w[1])):
        fmt = formats[(key, start)]
        value = {"window_start": write_time(start, fmt), "window_end": write_time(start + SIZE_MS, fmt),
                 "count": counts[(key, start)]}
        if key is not None:
            value["key"] = key
        # The record key names the window, so a compacted topic keeps only each window's latest count.
        producer.send(args.output, key=f"{key}@{start}" if key else str(start), value=value)
        print(f"window {value['window_start']} {key or ''}: {value['count']}")
    producer.flush()

consumer.close()
producer.close()
print(f"no new events for {args.idle_seconds:g} s; {len(counts)} windows counted")
