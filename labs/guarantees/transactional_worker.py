"""Exactly-once consume-process-produce with Kafka transactions (python3-confluent-kafka).

Reads orders from STREAMLAB_INPUT, writes {"order_id", "customer", "amount", "total"} keyed by customer to
STREAMLAB_OUTPUT, where total is the customer's running total. Each batch is one transaction: the output records
AND the input offsets are committed together, so a crash anywhere either keeps both or neither. On start, the
totals are read back from the committed output: the state the last committed batch left. Runs until it is killed.

    streamlab chaos --input orders --output paid -- python3 labs/guarantees/transactional_worker.py
"""
import json
import os
from decimal import Decimal

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition

BOOTSTRAP = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")
INPUT = os.environ["STREAMLAB_INPUT"]
OUTPUT = os.environ["STREAMLAB_OUTPUT"]
GROUP = os.environ.get("STREAMLAB_GROUP", "tx-worker-" + INPUT + "-" + OUTPUT)
BATCH = 50

consumer = Consumer({
    "bootstrap.servers": BOOTSTRAP,
    "group.id": GROUP,
    # The same member after a restart: it takes its partitions back at once, without waiting for a rebalance.
    "group.instance.id": GROUP + "-1",
    "session.timeout.ms": 6000,
    "isolation.level": "read_committed",
    "enable.auto.commit": False,
    "auto.offset.reset": "earliest",
})
# A stable transactional.id: when the program restarts, init_transactions() fences the killed instance
# (its epoch is bumped) and aborts whatever transaction it left open.
producer = Producer({"bootstrap.servers": BOOTSTRAP, "transactional.id": GROUP + "-tx", "linger.ms": 5})
producer.init_transactions(30)


def committed_totals():
    """Each customer's latest total in the committed output, in cents: read read_committed to the end."""
    reader = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": GROUP + "-totals", "enable.auto.commit": False,
                       "isolation.level": "read_committed", "enable.partition.eof": True})
    partitions = list(reader.list_topics(OUTPUT, 30).topics[OUTPUT].partitions)
    reader.assign([TopicPartition(OUTPUT, p, 0) for p in partitions])
    totals, at_end = {}, set()
    while len(at_end) < len(partitions):
        message = reader.poll(1.0)
        if message is None:
            continue
        if message.error():
            if message.error().code() == KafkaError._PARTITION_EOF:
                at_end.add(message.partition())
            continue
        record = json.loads(message.value())
        totals[record["customer"]] = int(Decimal(str(record["total"])) * 100)
    reader.close()
    return totals


totals = committed_totals()
consumer.subscribe([INPUT])
print("transactional worker: %s -> %s, %d customers' totals read back" % (INPUT, OUTPUT, len(totals)), flush=True)


def rewind_to_committed():
    """After an aborted transaction, read again from the last committed offsets."""
    for tp in consumer.committed(consumer.assignment(), 30):
        consumer.seek(TopicPartition(tp.topic, tp.partition, tp.offset if tp.offset >= 0 else 0))


while True:
    messages = consumer.consume(BATCH, 1.0)
    if not messages:
        continue
    producer.begin_transaction()
    batch_totals = dict(totals)  # kept only if the transaction commits
    try:
        next_offsets = {}
        for message in messages:
            if message.error():
                raise KafkaException(message.error())
            order = json.loads(message.value())
            customer = order["customer"]
            batch_totals[customer] = batch_totals.get(customer, 0) + int(Decimal(str(order["amount"])) * 100)
            out = {"order_id": order["order_id"], "customer": customer, "amount": order["amount"],
                   "total": float(Decimal(batch_totals[customer]) / 100)}
            producer.produce(OUTPUT, key=customer, value=json.dumps(out))
            producer.poll(0)
            next_offsets[(message.topic(), message.partition())] = message.offset() + 1
        offsets = [TopicPartition(t, p, o) for (t, p), o in next_offsets.items()]
        producer.send_offsets_to_transaction(offsets, consumer.consumer_group_metadata(), 30)
        producer.commit_transaction(30)
        totals = batch_totals
    except KafkaException as e:
        if e.args[0].txn_requires_abort():
            producer.abort_transaction(30)
            rewind_to_committed()
        else:
            raise
