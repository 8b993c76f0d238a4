package dev.streamlab.lab.validate.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.kafka.guarantees.ChaosJournal;
import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.kafka.guarantees.OutputCheck;
import dev.streamlab.kafka.guarantees.OutputRecord;
import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts.Seen;
import dev.streamlab.lab.validate.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Read as a downstream consumer reads it (read_committed), the output holds every input order exactly once and each
 * customer's latest total is the sum of its orders; and the program was really made to crash: the output holds
 * records of an aborted transaction, or a {@code chaos} run journalled kills of the program writing this output.
 * <p>
 * A producer epoch above zero is not taken as a crash: with Kafka 4's transactions (version 2) the Java client bumps
 * the epoch at every commit, so it grows without any restart.
 */
final class ExactlyOnceAfterCrashCheck implements Check {
    static final String NO_INPUT = "no-input";
    static final String UNREADABLE = "unreadable";
    static final String LOST = "lost";
    static final String DUPLICATES = "duplicates";
    static final String WRONG_TOTALS = "wrong-totals";
    static final String NO_CRASH = "no-crash";

    private final BrokerFacts facts;

    ExactlyOnceAfterCrashCheck(BrokerFacts facts) {
        this.facts = facts;
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String input = submission.topic();
        String output = submission.output();
        Records.Parsed<Order> orders = Records.orders(input == null ? List.of() : facts.records().records(input, true));
        if (orders.values().isEmpty()) {
            return Verdict.fail(NO_INPUT, "found no orders in " + (input == null ? "the input topic" : input));
        }
        List<Seen> committed = output == null ? List.of() : facts.records().records(output, true);
        if (committed.isEmpty()) {
            return Verdict.fail(LOST, orders.values().size() + " orders in " + input + ", and "
                    + (output == null ? "no output topic was named" : output + " has no committed records"));
        }
        Records.Parsed<OutputRecord> outputs = Records.outputs(committed);
        if (outputs.unreadable() > 0) {
            return Verdict.fail(UNREADABLE, outputs.unreadable() + " of " + committed.size() + " records in " + output
                    + " are not {order_id, customer, amount, total}: " + outputs.firstProblem());
        }
        OutputCheck.Result result = OutputCheck.compare(orders.values(), latestLast(committed, outputs.values()));
        List<String> evidence = new ArrayList<>();
        if (orders.unreadable() > 0) {
            evidence.add(orders.unreadable() + " records in " + input + " are not orders and were left out");
        }
        if (!result.lost().isEmpty()) {
            evidence.add(result.lost().size() + " of " + result.expected() + " orders of " + input + " are missing from "
                    + output + ", e.g. " + result.lost().get(0));
            return Verdict.fail(LOST, evidence);
        }
        if (!result.duplicated().isEmpty()) {
            String first = result.duplicated().get(0);
            long copies = outputs.values().stream().filter(r -> r.orderId().equals(first)).count();
            evidence.add("order " + first + " is in " + output + " " + copies + " times; " + result.duplicated().size()
                    + " of " + result.expected() + " orders are there more than once");
            return Verdict.fail(DUPLICATES, evidence);
        }
        evidence.add("each of the " + result.expected() + " orders of " + input + " is in " + output
                + " exactly once (read_committed)");
        if (!result.totalsRight()) {
            String customer = result.expectedTotalsCents().keySet().stream()
                    .filter(c -> !Objects.equals(result.expectedTotalsCents().get(c), result.lastTotalsCents().get(c)))
                    .findFirst().orElse("?");
            Long got = result.lastTotalsCents().get(customer);
            evidence.add(customer + "'s latest total in " + output + " is " + (got == null ? "missing" : Records.money(got))
                    + ", but its orders add up to " + Records.money(result.expectedTotalsCents().get(customer)));
            return Verdict.fail(WRONG_TOTALS, evidence);
        }
        evidence.add("the latest total of each of the " + result.expectedTotalsCents().size()
                + " customers equals the sum of its orders");
        Optional<String> crash = crashSeen(output, committed.size());
        if (crash.isEmpty()) {
            evidence.add("no sign of a crash: " + output + " holds no aborted records, and no chaos run killed a program "
                    + "writing it");
            return Verdict.fail(NO_CRASH, evidence);
        }
        evidence.add(crash.get());
        return Verdict.pass(evidence);
    }

    /**
     * The output in an order where each customer's latest record comes last: log order when all of a customer's
     * records share a partition (keyed by customer), else by total (a running total of non-negative amounts only grows).
     */
    private static List<OutputRecord> latestLast(List<Seen> seen, List<OutputRecord> records) {
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

    private Optional<String> crashSeen(String output, int committed) {
        int uncommitted = facts.records().records(output, false).size();
        if (uncommitted > committed) {
            return Optional.of("crash seen: " + (uncommitted - committed) + " records in " + output
                    + " belong to aborted transactions (a restarted producer aborted what the killed one left open)");
        }
        Map<String, Integer> killsByRun = new LinkedHashMap<>();
        for (Seen r : facts.records().records(ChaosJournal.TOPIC, false)) {
            JsonNode value = Records.json(r.value());
            JsonNode report = value == null ? null : value.get("report");
            if (report != null && output.equals(report.path("output").asText()) && report.path("kills").size() > 0) {
                killsByRun.put(value.path("run").asText(), report.path("kills").size());
            }
        }
        return killsByRun.entrySet().stream().reduce((a, b) -> b).map(last -> "crash seen: a chaos run ("
                + last.getKey() + ") killed the program writing " + output + " " + last.getValue() + " time"
                + (last.getValue() == 1 ? "" : "s"));
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_INPUT, UNREADABLE, LOST, DUPLICATES, WRONG_TOTALS, NO_CRASH);
    }
}
