"""Starter: running totals per customer, to be made exactly-once (python3-confluent-kafka).

kafka-python 2.0.2 has no transactions; use confluent-kafka (Debian: python3-confluent-kafka).
Run it:  python3 aggregator.py [--group G]      (the chaos command sets STREAMLAB_BOOTSTRAP/INPUT/OUTPUT for you)
"""
import json
import os
import sys

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

BOOTSTRAP = os.environ.get("STREAMLAB_BOOTSTRAP", "{{bootstrap}}")
INPUT = os.environ.get("STREAMLAB_INPUT", "eos-orders")
OUTPUT = os.environ.get("STREAMLAB_OUTPUT", "eos-totals")
GROUP = sys.argv[sys.argv.index("--group") + 1] if "--group" in sys.argv else os.environ.get("STREAMLAB_GROUP", "eos-aggregator")

producer = Producer({
    "bootstrap.servers": BOOTSTRAP,
    # TODO 1: a transactional.id that is the same on every start, e.g. GROUP + "-tx"
})
# TODO 1: producer.init_transactions(30)

consumer = Consumer({
    "bootstrap.servers": BOOTSTRAP,
    "group.id": GROUP,
    "auto.offset.reset": "earliest",
    # TODO 2: "enable.auto.commit": False and "isolation.level": "read_committed"
})
consumer.subscribe([INPUT])

totals = {}  # customer -> running total in cents
# TODO 3: rebuild totals from the committed output (latest "total" per customer) before going on

while True:
    messages = consumer.consume(50, 1.0)
    if not messages:
        continue
    # TODO 1: producer.begin_transaction()
    for message in messages:
        if message.error():
            raise KafkaException(message.error())
        order = json.loads(message.value())
        customer = order["customer"]
        totals[customer] = totals.get(customer, 0) + round(order["amount"] * 100)
        out = {"order_id": order["order_id"], "customer": customer, "amount": order["amount"],
               "total": totals[customer] / 100}
        producer.produce(OUTPUT, key=None, value=json.dumps(out))  # TODO 3: a stable key
        producer.poll(0)
    # TODO 2: producer.send_offsets_to_transaction([...next offsets...], consumer.consumer_group_metadata(), 30)
    # TODO 1: producer.commit_transaction(30); on KafkaException: abort_transaction(30) and seek back
    producer.flush()
