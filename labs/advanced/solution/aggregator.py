"""Exactly-once running totals per customer (reference solution, python3-confluent-kafka).

Reads orders {"order_id", "customer", "amount", "event_time"} from the input topic and writes, for each order,
{"order_id", "customer", "amount", "total"} keyed by the customer to the output topic, where total is the
customer's running total. Each batch is one Kafka transaction holding both the output records and the input
offsets, so after a crash either both are there or neither. On start it rebuilds the totals from the
committed output. Runs until it is killed.

    python3 aggregator.py [--bootstrap HOST:PORT] [--input TOPIC] [--output TOPIC] [--group GROUP]

Without flags it uses STREAMLAB_BOOTSTRAP, STREAMLAB_INPUT, STREAMLAB_OUTPUT and STREAMLAB_GROUP (the chaos command
sets the first three), else 127.0.0.1:9092, eos-orders, eos-totals and eos-aggregator.
kafka-python 2.0.2 cannot do this: it has no transactions. confluent-kafka can.
"""
import argparse
import json
import os
import sys
from decimal import Decimal

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition

parser = argparse.ArgumentParser()
parser.add_argument("--bootstrap", default=os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092"))
parser.add_argument("--input", default=os.environ.get("STREAMLAB_INPUT", "eos-orders"))
parser.add_argument("--output", default=os.environ.get("STREAMLAB_OUTPUT", "eos-totals"))
parser.add_argument("--group", default=os.environ.get("STREAMLAB_GROUP", "eos-aggregator"))
args = parser.parse_args()
BATCH = 50


def cents(amount):
    # Money in whole cents: floats would drift after a few thousand additions.
    return int((Decimal(str(amount)) * 100).to_integral_value())


def units(c):
    return float(Decimal(c) / 100)


# The same transactional.id on every start: init_transactions() then fences the killed instance and aborts the
# transaction it left open, so its half-written batch never becomes visible to read_committed readers.
producer = Producer({"bootstrap.servers": args.bootstrap, "transactional.id": args.group + "-tx", "linger.ms": 5})
producer.init_transactions(30)


def committed_totals():
    """The latest total per customer in the committed output: the state the last committed batch left."""
    reader = Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group + "-rebuild",
                       "isolation.level": "read_committed", "enable.auto.commit": False,
                       "enable.partition.eof": True})
    totals = {}
    metadata = reader.list_topics(args.output, 30).topics[args.output]
    if metadata.error is not None or not metadata.partitions:
        reader.close()
        return totals
    partitions = [TopicPartition(args.output, p, 0) for p in metadata.partitions]
    waiting = set(metadata.partitions)
    reader.assign(partitions)
    while waiting:
        message = reader.poll(1.0)
        if message is None:
            continue
        if message.error():
            if message.error().code() == KafkaError._PARTITION_EOF:
                waiting.discard(message.partition())
                continue
            raise KafkaException(message.error())
        record = json.loads(message.value())
        totals[record["customer"]] = cents(record["total"])
    reader.close()
    return totals


totals = committed_totals()
consumer = Consumer({
    "bootstrap.servers": args.bootstrap,
    "group.id": args.group,
    # The same member after a restart takes its partitions back at once instead of waiting for the old session.
    "group.instance.id": args.group + "-1",
    "session.timeout.ms": 6000,
    "isolation.level": "read_committed",
    # Offsets go in the transaction; a consumer commit of its own would break the all-or-nothing.
    "enable.auto.commit": False,
    "auto.offset.reset": "earliest",
})
consumer.subscribe([args.input])
print("aggregator: %s -> %s, group %s, %d customers' totals rebuilt" % (args.input, args.output, args.group,
                                                                          len(totals)), flush=True)


def rewind_to_committed():
    """After an aborted batch, read again from the offsets of the last committed one."""
    for tp in consumer.committed(consumer.assignment(), 30):
        consumer.seek(TopicPartition(tp.topic, tp.partition, tp.offset if tp.offset >= 0 else 0))


while True:
    messages = [m for m in consumer.consume(BATCH, 1.0) if not m.error()]
    if not messages:
        continue
    batch_totals = dict(totals)  # applied only when the transaction commits
    next_offsets = {}
    producer.begin_transaction()
    try:
        for message in messages:
            order = json.loads(message.value())
            customer = order["customer"]
            batch_totals[customer] = batch_totals.get(customer, 0) + cents(order["amount"])
            out = {"order_id": order["order_id"], "customer": customer, "amount": order["amount"],
                   "total": units(batch_totals[customer])}
            # Keyed by the customer: a stable id, so a table downstream keeps one row per customer.
            producer.produce(args.output, key=customer, value=json.dumps(out))
            producer.poll(0)
            next_offsets[(message.topic(), message.partition())] = message.offset() + 1
        # The input offsets join the same transaction: they commit together with the records above, or not at all.
        offsets = [TopicPartition(t, p, o) for (t, p), o in next_offsets.items()]
        producer.send_offsets_to_transaction(offsets, consumer.consumer_group_metadata(), 30)
        producer.commit_transaction(30)
        totals = batch_totals
    except KafkaException as e:
        if e.args[0].txn_requires_abort():
            producer.abort_transaction(30)
            rewind_to_committed()
        else:
            print("aggregator: fatal: %s" % e, file=sys.stderr, flush=True)
            sys.exit(1)
