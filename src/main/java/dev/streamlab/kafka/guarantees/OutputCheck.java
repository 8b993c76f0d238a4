package dev.streamlab.kafka.guarantees;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one judge of an output topic against the orders that went in, used by {@code chaos}, {@code validate
 * advanced} and the chapter 4 page alike: read_committed (as a downstream consumer reads it) the output must hold
 * one {@link OutputRecord} per input order, none twice, and each customer's latest running total must be the sum of
 * its orders. {@link #judge} gives the verdict in the words every one of them shows.
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

    /** One record of an output topic as a consumer read it. */
    public record Written(int partition, long offset, String key, String value) {
    }

    /**
     * A verdict on an output: {@code problem} is null when the output is exact, else the first rule it breaks
     * ({@link #LOST}, {@link #DUPLICATES}, {@link #WRONG_TOTALS} or {@link #UNREADABLE}); {@code evidence} says
     * what was found, a line each. {@code result} has the counts (null when the output could not be read).
     */
    public record Judgement(String problem, List<String> evidence, Result result, int unreadable) {
        public static final String LOST = "lost";
        public static final String DUPLICATES = "duplicates";
        public static final String WRONG_TOTALS = "wrong-totals";
        public static final String UNREADABLE = "unreadable";

        public Judgement {
            evidence = List.copyOf(evidence);
            if (problem != null && !List.of(LOST, DUPLICATES, WRONG_TOTALS, UNREADABLE).contains(problem)) {
                throw new IllegalArgumentException("unknown problem " + problem);
            }
        }

        public boolean exact() {
            return problem == null;
        }
    }

    /**
     * Judges the committed output ({@code committed}, in log order per partition) against the input orders.
     * Output records are {@code {order_id, customer, amount, total}}; each customer's latest record is its last in
     * log order when all its records share a partition (keyed by customer), else the one with the highest total
     * (a running total of non-negative amounts only grows).
     */
    public static Judgement judge(String input, String output, List<Order> orders, List<Written> committed) {
        List<String> evidence = new ArrayList<>();
        if (committed.isEmpty()) {
            evidence.add(orders.size() + " orders in " + input + ", and " + output + " has no committed records");
            return new Judgement(Judgement.LOST, evidence, null, 0);
        }
        List<OutputRecord> records = new ArrayList<>();
        List<Written> readable = new ArrayList<>();
        int unreadable = 0;
        String firstProblem = null;
        for (Written w : committed) {
            try {
                records.add(OutputRecord.parse(w.value()));
                readable.add(w);
            } catch (IllegalArgumentException e) {
                unreadable++;
                if (firstProblem == null) {
                    firstProblem = "partition " + w.partition() + " offset " + w.offset() + ": " + e.getMessage();
                }
            }
        }
        if (unreadable > 0) {
            evidence.add(unreadable + " of " + committed.size() + " records in " + output
                    + " are not {order_id, customer, amount, total}: " + firstProblem);
            return new Judgement(Judgement.UNREADABLE, evidence, null, unreadable);
        }
        Result result = compare(orders, latestLast(readable, records));
        if (!result.lost().isEmpty()) {
            evidence.add(result.lost().size() + " of " + result.expected() + " orders of " + input + " are missing from "
                    + output + ", e.g. " + result.lost().get(0));
            return new Judgement(Judgement.LOST, evidence, result, 0);
        }
        if (!result.duplicated().isEmpty()) {
            String first = result.duplicated().get(0);
            long copies = records.stream().filter(r -> r.orderId().equals(first)).count();
            evidence.add("order " + first + " is in " + output + " " + copies + " times; " + result.duplicated().size()
                    + " of " + result.expected() + " orders are there more than once");
            return new Judgement(Judgement.DUPLICATES, evidence, result, 0);
        }
        evidence.add("each of the " + result.expected() + " orders of " + input + " is in " + output
                + " exactly once (read_committed)");
        if (!result.totalsRight()) {
            String customer = result.expectedTotalsCents().keySet().stream()
                    .filter(c -> !Objects.equals(result.expectedTotalsCents().get(c), result.lastTotalsCents().get(c)))
                    .findFirst().orElse("?");
            Long got = result.lastTotalsCents().get(customer);
            evidence.add(customer + "'s latest total in " + output + " is " + (got == null ? "missing" : money(got))
                    + ", but its orders add up to " + money(result.expectedTotalsCents().get(customer)));
            return new Judgement(Judgement.WRONG_TOTALS, evidence, result, 0);
        }
        evidence.add("the latest total of each of the " + result.expectedTotalsCents().size()
                + " customers equals the sum of its orders");
        return new Judgement(null, evidence, result, 0);
    }

    /**
     * Judges an output that is a table (upsert): the latest value per key (the customer), a JSON object with a
     * {@code total} or a bare number in currency units, must be the sum of that customer's orders.
     */
    public static Judgement judgeUpsert(String input, String output, List<Order> orders, List<Written> committed) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (Written w : committed) {
            if (w.key() != null) {
                latest.put(w.key(), w.value());
            }
        }
        UpsertResult upsert = upsertCompare(orders, latest);
        List<String> evidence = new ArrayList<>();
        if (upsert.right()) {
            evidence.add("the latest value of each of the " + upsert.expectedTotalsCents().size() + " customers in "
                    + output + " equals the sum of its orders in " + input);
            return new Judgement(null, evidence, null, 0);
        }
        String customer = upsert.wrongCustomers().get(0);
        Long expected = upsert.expectedTotalsCents().get(customer);
        Long got = upsert.latestCents().get(customer);
        boolean missing = expected != null && !latest.containsKey(customer);
        evidence.add(upsert.wrongCustomers().size() + " of " + upsert.expectedTotalsCents().size()
                + " customers have a wrong or missing latest value in " + output + ", e.g. " + customer + ": "
                + (expected == null ? "not a customer of " + input
                : (missing ? "no record" : got == null ? "a value that is neither a number nor {\"total\": ...}"
                : money(got)) + ", but its orders add up to " + money(expected)));
        return new Judgement(latest.isEmpty() ? Judgement.LOST : Judgement.WRONG_TOTALS, evidence, null, 0);
    }

    /** Reads {@code output} read_committed to its end and judges it (see {@link #judge}). */
    public static Judgement judge(KafkaClients clients, String input, String output, List<Order> orders) {
        return judge(input, output, orders, written(TopicReader.readAll(clients, output, TopicReader.READ_COMMITTED,
                READ_TIMEOUT)));
    }

    static List<Written> written(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> new Written(r.partition(), r.offset(), r.key(), r.value())).toList();
    }

    private static List<OutputRecord> latestLast(List<Written> seen, List<OutputRecord> records) {
        Map<String, Integer> partitionOf = new HashMap<>();
        boolean onePartitionEach = true;
        for (int i = 0; i < records.size(); i++) {
            Integer before = partitionOf.putIfAbsent(records.get(i).customer(), seen.get(i).partition());
            onePartitionEach &= before == null || before == seen.get(i).partition();
        }
        if (onePartitionEach) {
            return records;
        }
        return records.stream().sorted(Comparator.comparingLong(OutputRecord::totalCents)).toList();
    }

    static String money(long cents) {
        return String.format(Locale.ROOT, "%.2f", cents / 100.0);
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
