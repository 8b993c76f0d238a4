package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares an output topic with the orders that went in. A worker writes one {@link OutputRecord} per order it
 * processed; read_committed (as a downstream consumer would read it) the output shows which orders were lost,
 * which were written more than once, and whether each customer's latest running total is the true sum.
 */
public final class OutputCheck {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private OutputCheck() {
    }

    /**
     * @param lost              ids of input orders absent from the output, in input order
     * @param duplicated        ids seen more than once in the output, in input order
     * @param lastTotalsCents   the latest {@code total} per customer in the output (last offset of its partition)
     * @param exact             no loss and no duplicate
     * @param totalsRight       the latest total of every customer equals the sum of its orders
     */
    public record Result(int expected, int distinctSeen, List<String> lost, List<String> duplicated,
                         Map<String, Long> expectedTotalsCents, Map<String, Long> lastTotalsCents,
                         boolean exact, boolean totalsRight) {
        public Result {
            lost = List.copyOf(lost);
            duplicated = List.copyOf(duplicated);
            expectedTotalsCents = Map.copyOf(expectedTotalsCents);
            lastTotalsCents = Map.copyOf(lastTotalsCents);
        }

        /** One line, e.g. {@code exact: 2000 of 2000 orders once each; totals right}. */
        public String verdict() {
            String orders = exact ? "exact: " + expected + " of " + expected + " orders once each"
                    : (lost.isEmpty() ? "" : lost.size() + " of " + expected + " orders lost (first " + first(lost) + ")")
                    + (lost.isEmpty() || duplicated.isEmpty() ? "" : ", ")
                    + (duplicated.isEmpty() ? "" : duplicated.size() + " orders written more than once (first "
                    + first(duplicated) + ")");
            return orders + "; " + (totalsRight ? "totals right"
                    : wrongTotals(expectedTotalsCents, lastTotalsCents) + " of " + expectedTotalsCents.size()
                    + " customer totals wrong");
        }

        private static String first(List<String> ids) {
            return ids.get(0);
        }
    }

    /** Reads the output read_committed to its end and compares it with the input. */
    public static Result check(KafkaClients clients, String outputTopic, List<Order> input) {
        List<OutputRecord> output = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(clients, outputTopic, TopicReader.READ_COMMITTED,
                READ_TIMEOUT)) {
            output.add(OutputRecord.parse(r.value()));
        }
        return compare(input, output);
    }

    /**
     * The comparison itself. {@code output} must be in log order per customer (as a consumer reads one partition),
     * so the last record of a customer carries its latest total.
     */
    public static Result compare(List<Order> input, List<OutputRecord> output) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Long> lastTotals = new TreeMap<>();
        for (OutputRecord r : output) {
            seen.merge(r.orderId(), 1, Integer::sum);
            lastTotals.put(r.customer(), r.totalCents());
        }
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        Set<String> inputIds = new LinkedHashSet<>();
        for (Order o : input) {
            if (!inputIds.add(o.orderId())) {
                continue;
            }
            int n = seen.getOrDefault(o.orderId(), 0);
            if (n == 0) {
                lost.add(o.orderId());
            } else if (n > 1) {
                duplicated.add(o.orderId());
            }
        }
        for (Map.Entry<String, Integer> e : seen.entrySet()) {
            if (!inputIds.contains(e.getKey()) && e.getValue() > 1) {
                duplicated.add(e.getKey());
            }
        }
        int distinct = (int) seen.keySet().stream().filter(inputIds::contains).count();
        Map<String, Long> expectedTotals = new TreeMap<>(Orders.totalsCents(input));
        boolean exact = lost.isEmpty() && duplicated.isEmpty();
        return new Result(inputIds.size(), distinct, lost, duplicated, expectedTotals, lastTotals, exact,
                expectedTotals.equals(lastTotals));
    }

    /** For programs that upsert: per customer, the latest value in the output against the true sum. */
    public record UpsertResult(Map<String, Long> expectedTotalsCents, Map<String, Long> latestCents,
                               List<String> wrongCustomers, boolean right) {
        public UpsertResult {
            expectedTotalsCents = Map.copyOf(expectedTotalsCents);
            latestCents = Map.copyOf(latestCents);
            wrongCustomers = List.copyOf(wrongCustomers);
        }

        public String verdict() {
            return right ? "every one of " + expectedTotalsCents.size() + " customers has the right latest total"
                    : wrongCustomers.size() + " of " + expectedTotalsCents.size()
                    + " customers have a wrong or missing latest total (first " + wrongCustomers.get(0) + ")";
        }
    }

    /**
     * Reads the output read_committed and takes the latest value per key (the customer): a JSON object with a
     * {@code total}, or a bare number, in currency units. A value that is neither counts as wrong.
     */
    public static UpsertResult upsertMode(KafkaClients clients, String outputTopic, List<Order> input) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(clients, outputTopic, TopicReader.READ_COMMITTED,
                READ_TIMEOUT)) {
            if (r.key() != null) {
                latest.put(r.key(), r.value());
            }
        }
        return upsertCompare(input, latest);
    }

    static UpsertResult upsertCompare(List<Order> input, Map<String, String> latestValues) {
        Map<String, Long> expected = new TreeMap<>(Orders.totalsCents(input));
        Map<String, Long> latest = new TreeMap<>();
        latestValues.forEach((customer, value) -> {
            Long cents = upsertTotal(value);
            if (cents != null) {
                latest.put(customer, cents);
            }
        });
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            if (!Objects.equals(e.getValue(), latest.get(e.getKey()))) {
                wrong.add(e.getKey());
            }
        }
        for (String customer : latestValues.keySet()) {
            if (!expected.containsKey(customer)) {
                wrong.add(customer);
            }
        }
        return new UpsertResult(expected, latest, wrong, wrong.isEmpty());
    }

    private static Long upsertTotal(String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(value);
            if (n != null && n.isNumber()) {
                return Json.cents(n);
            }
            if (n != null && n.isObject() && n.get("total") != null && n.get("total").isNumber()) {
                return Json.cents(n.get("total"));
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    /**
     * What transactions left in a topic. Every record takes one offset, and so does every transaction marker
     * (commit or abort), so in a topic that is not compacted
     * {@code offsets = recordsUncommitted + markers}; records of aborted (or still open) transactions are those
     * a read_uncommitted reader sees and a read_committed reader does not.
     *
     * @param offsets            sum over partitions of log end offset minus log start offset
     * @param recordsUncommitted records a read_uncommitted consumer reads (to the high watermark)
     * @param recordsCommitted   records a read_committed consumer reads (to the last stable offset)
     */
    public record Evidence(long offsets, long recordsUncommitted, long recordsCommitted) {
        /** Records of aborted transactions, plus any of a transaction still open while reading. */
        public long abortedRecords() {
            return recordsUncommitted - recordsCommitted;
        }

        /** Offsets taken by transaction markers (commit and abort): one per partition a transaction wrote to. */
        public long controlMarkers() {
            return offsets - recordsUncommitted;
        }

        public String summary() {
            return recordsCommitted + " committed records, " + abortedRecords() + " aborted, "
                    + controlMarkers() + " transaction markers in " + offsets + " offsets";
        }
    }

    public static Evidence evidence(KafkaClients clients, String topic) {
        long committed = TopicReader.readAll(clients, topic, TopicReader.READ_COMMITTED, READ_TIMEOUT).size();
        try (KafkaConsumer<String, String> consumer = TopicReader.consumer(clients, "streamlab-evidence",
                TopicReader.READ_UNCOMMITTED)) {
            List<TopicPartition> partitions = TopicReader.partitions(consumer, topic, READ_TIMEOUT);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long offsets = partitions.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
            // Read everything up to the end offsets we just took, so offsets and records describe the same log.
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long uncommitted = 0;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to " + end);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        uncommitted++;
                    }
                }
            }
            return new Evidence(offsets, uncommitted, Math.min(committed, uncommitted));
        }
    }

    static long wrongTotals(Map<String, Long> expected, Map<String, Long> actual) {
        Set<String> customers = new LinkedHashSet<>(expected.keySet());
        customers.addAll(actual.keySet());
        return customers.stream().filter(c -> !Objects.equals(expected.get(c), actual.get(c))).count();
    }
}
