"""At-least-once consume-process-produce WITHOUT transactions (python3-confluent-kafka).

Reads orders from STREAMLAB_INPUT, writes {"order_id", "customer", "amount", "total"} keyed by customer to
STREAMLAB_OUTPUT (total: the customer's running total since this start, so a restart gets totals wrong too),
and commits the input offsets asynchronously every COMMIT_EVERY records. A crash between producing and
committing means the restarted program reads those records again and writes them twice:
`streamlab chaos` shows the duplicates. Runs until it is killed.

    streamlab chaos --input orders --output paid -- python3 labs/guarantees/naive_worker.py
"""
import json
import os

from confluent_kafka import Consumer, KafkaException, Producer

BOOTSTRAP = os.environ.get("STREAMLAB_BOOTSTRAP", "127.0.0.1:9092")
INPUT = os.environ["STREAMLAB_INPUT"]
OUTPUT = os.environ["STREAMLAB_OUTPUT"]
GROUP = os.environ.get("STREAMLAB_GROUP", "naive-worker-" + INPUT + "-" + OUTPUT)
COMMIT_EVERY = 100

consumer = Consumer({
    "bootstrap.servers": BOOTSTRAP,
    "group.id": GROUP,
    "group.instance.id": GROUP + "-1",
    "session.timeout.ms": 6000,
    "enable.auto.commit": False,
    "auto.offset.reset": "earliest",
})
producer = Producer({"bootstrap.servers": BOOTSTRAP, "linger.ms": 5})
consumer.subscribe([INPUT])
print("naive worker: %s -> %s" % (INPUT, OUTPUT), flush=True)

processed = 0
totals = {}
while True:
    message = consumer.poll(1.0)
    if message is None:
        continue
    if message.error():
        raise KafkaException(message.error())
    order = json.loads(message.value())
    totals[order["customer"]] = round(totals.get(order["customer"], 0) + order["amount"], 2)
    out = {"order_id": order["order_id"], "customer": order["customer"], "amount": order["amount"],
           "total": totals[order["customer"]]}
    producer.produce(OUTPUT, key=order["customer"], value=json.dumps(out))
    producer.poll(0)
    processed += 1
    if processed % COMMIT_EVERY == 0:
        producer.flush(30)
        consumer.commit(asynchronous=True)
