# producer.py: send keyed orders; the key (the customer) picks the partition.
# Usage: python3 producer.py [topic] [count]
import json
import os
import sys
import time

from kafka import KafkaProducer

bootstrap = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")
topic = sys.argv[1] if len(sys.argv) > 1 else "orders"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 12

producer = KafkaProducer(
    bootstrap_servers=bootstrap,
    key_serializer=lambda k: k.encode("utf-8"),
    value_serializer=lambda v: json.dumps(v).encode("utf-8"),
)
for i in range(count):
    customer = f"customer-{i % 4}"
    order = {"order_id": i, "customer": customer, "amount": 5 + i, "event_time": time.time()}
    # TODO: send the customer as the key, so all orders of one customer share a partition.
    #       (Don't pass partition=...: let the key decide.)
    where = producer.send(topic, value=order).get(timeout=10)
    print(f"customer={customer} -> partition={where.partition} offset={where.offset}")
producer.flush()
producer.close()
print(f"produced {count} orders to {topic}")
