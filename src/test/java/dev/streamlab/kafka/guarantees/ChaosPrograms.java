package dev.streamlab.kafka.guarantees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Programs a learner could write, for tests and the benchmark to run under {@code chaos}. In the runs chaos is going
 * to kill (run number at most {@code kills}) each commits its first batch, then produces the second, prints
 * {@value #SIGNAL} and holds until killed: a kill placed with {@code --kill-on} always lands inside a batch, after
 * the run has shown it works.
 */
public final class ChaosPrograms {
    /** The line a program prints between producing a batch and committing it. */
    public static final String SIGNAL = "produced, not committed";

    /**
     * Python that rebuilds {@code totals} (customer to cents) from the committed output, as the advanced challenge's
     * step 3 says: read {@code OUTPUT} read_committed from the start to its end, keep each customer's latest total.
     * Needs {@code json}, {@code BOOTSTRAP}, {@code OUTPUT}, {@code GROUP}, {@code totals} and confluent-kafka's
     * {@code Consumer} and {@code TopicPartition}.
     */
    public static final String REBUILD_TOTALS = """
            from confluent_kafka import KafkaError
            from decimal import Decimal
            reader = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": GROUP + "-rebuild", "enable.auto.commit": False,
                               "isolation.level": "read_committed", "enable.partition.eof": True})
            parts = list(reader.list_topics(OUTPUT, 30).topics[OUTPUT].partitions)
            reader.assign([TopicPartition(OUTPUT, p, 0) for p in parts])
            done = set()
            while len(done) < len(parts):
                m = reader.poll(1.0)
                if m is None:
                    continue
                if m.error():
                    if m.error().code() == KafkaError._PARTITION_EOF:
                        done.add(m.partition())
                    continue
                record = json.loads(m.value())
                totals[record["customer"]] = int(Decimal(str(record["total"])) * 100)
            reader.close()
            """;

    private ChaosPrograms() {
    }

    /**
     * Exactly-once as the quest teaches it (python3-confluent-kafka): {@code subscribe()}, one transaction per batch
     * with {@code send_offsets_to_transaction}, running totals rebuilt from the committed output at start, output
     * {@code {order_id, customer, amount, total}} keyed by customer. Static membership with a 6 s session when
     * {@code staticMember}; else the client's defaults (a dynamic member, 45 s session).
     */
    public static String exactlyOnce(int kills, boolean staticMember) {
        return """
                import json, os, sys, time
                from decimal import Decimal
                from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
                B, IN, OUT = os.environ["STREAMLAB_BOOTSTRAP"], os.environ["STREAMLAB_INPUT"], os.environ["STREAMLAB_OUTPUT"]
                GROUP, RUN = "eos-" + IN, int(os.environ["STREAMLAB_RUN"])
                producer = Producer({"bootstrap.servers": B, "transactional.id": GROUP + "-tx"})
                producer.init_transactions(30)
                BOOTSTRAP, OUTPUT, totals = B, OUT, {}
                %s
                config = {"bootstrap.servers": B, "group.id": GROUP, "isolation.level": "read_committed",
                          "enable.auto.commit": False, "auto.offset.reset": "earliest"}
                if %s:
                    config.update({"group.instance.id": GROUP + "-1", "session.timeout.ms": 6000})
                consumer = Consumer(config)
                consumer.subscribe([IN])
                batches = 0
                while True:
                    batch = [m for m in consumer.consume(50, 1.0) if not m.error()]
                    if not batch:
                        continue
                    batches += 1
                    producer.begin_transaction()
                    after = dict(totals)
                    for m in batch:
                        o = json.loads(m.value())
                        after[o["customer"]] = after.get(o["customer"], 0) + int(Decimal(str(o["amount"])) * 100)
                        producer.produce(OUT, key=o["customer"], value=json.dumps({"order_id": o["order_id"],
                            "customer": o["customer"], "amount": o["amount"], "total": after[o["customer"]] / 100}))
                    producer.flush(30)
                    if RUN <= %d and batches >= 2:
                        print("%s", flush=True)
                        time.sleep(3600)
                    offsets = {}
                    for m in batch:
                        offsets[m.partition()] = m.offset() + 1
                    producer.send_offsets_to_transaction([TopicPartition(IN, p, o) for p, o in offsets.items()],
                                                         consumer.consumer_group_metadata(), 30)
                    producer.commit_transaction(30)
                    totals = after
                """.formatted(REBUILD_TOTALS.strip(), staticMember ? "True" : "False", kills, SIGNAL);
    }

    /**
     * At-least-once: produces a batch, flushes, then commits the input offsets (static member, 6 s session, so
     * restarts are quick). A kill between the two makes the next run write that batch again.
     */
    public static String atLeastOnce(int kills) {
        return """
                import json, os, time
                from confluent_kafka import Consumer, Producer
                B, IN, OUT = os.environ["STREAMLAB_BOOTSTRAP"], os.environ["STREAMLAB_INPUT"], os.environ["STREAMLAB_OUTPUT"]
                RUN = int(os.environ["STREAMLAB_RUN"])
                consumer = Consumer({"bootstrap.servers": B, "group.id": "alo-" + IN, "group.instance.id": "alo-1",
                                     "session.timeout.ms": 6000, "enable.auto.commit": False,
                                     "auto.offset.reset": "earliest"})
                producer = Producer({"bootstrap.servers": B})
                consumer.subscribe([IN])
                totals, batches = {}, 0
                while True:
                    batch = [m for m in consumer.consume(50, 1.0) if not m.error()]
                    if not batch:
                        continue
                    batches += 1
                    for m in batch:
                        o = json.loads(m.value())
                        totals[o["customer"]] = round(totals.get(o["customer"], 0) + o["amount"], 2)
                        producer.produce(OUT, key=o["customer"], value=json.dumps({"order_id": o["order_id"],
                            "customer": o["customer"], "amount": o["amount"], "total": totals[o["customer"]]}))
                    producer.flush(30)
                    if RUN <= %d and batches >= 2:
                        print("%s", flush=True)
                        time.sleep(3600)
                    consumer.commit(asynchronous=False)
                """.formatted(kills, SIGNAL);
    }

    /** Writes {@code source} to a file in {@code dir} and returns its path. */
    public static Path write(Path dir, String name, String source) {
        try {
            return Files.writeString(dir.resolve(name), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
