package dev.streamlab.lab.validate.advanced;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamlab.kafka.guarantees.ChaosJournal;
import dev.streamlab.kafka.guarantees.Order;
import dev.streamlab.kafka.guarantees.OutputCheck;
import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts.Seen;
import dev.streamlab.lab.validate.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read as a downstream consumer reads it (read_committed), the output holds every input order exactly once and each
 * customer's latest total is the sum of its orders; and the program was really made to crash: the output holds
 * records of an aborted transaction, or a {@code chaos} run journalled kills of the program writing this output.
 * The output itself is judged by {@link OutputCheck#judge}, the judge {@code chaos} and the chapter 4 page use.
 * <p>
 * A producer epoch above zero is not taken as a crash: with Kafka 4's transactions (version 2) the Java client bumps
 * the epoch at every commit, so it grows without any restart.
 */
final class ExactlyOnceAfterCrashCheck implements Check {
    static final String NO_INPUT = "no-input";
    static final String UNREADABLE = OutputCheck.Judgement.UNREADABLE;
    static final String LOST = OutputCheck.Judgement.LOST;
    static final String DUPLICATES = OutputCheck.Judgement.DUPLICATES;
    static final String WRONG_TOTALS = OutputCheck.Judgement.WRONG_TOTALS;
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
        if (output == null) {
            return Verdict.fail(LOST, orders.values().size() + " orders in " + input + ", and no output topic was named");
        }
        List<Seen> committed = facts.records().records(output, true);
        OutputCheck.Judgement judgement = OutputCheck.judge(input, output, orders.values(), committed.stream()
                .map(r -> new OutputCheck.Written(r.partition(), r.offset(), r.key(), r.value())).toList());
        List<String> evidence = new ArrayList<>();
        if (orders.unreadable() > 0) {
            evidence.add(orders.unreadable() + " records in " + input + " are not orders and were left out");
        }
        evidence.addAll(judgement.evidence());
        if (!judgement.exact()) {
            return Verdict.fail(judgement.problem(), evidence);
        }
        Optional<String> crash = crashSeen(output, committed.size());
        if (crash.isEmpty()) {
            evidence.add("no sign of a crash: " + output + " holds no aborted records, and no chaos run killed a program "
                    + "writing it");
            return Verdict.fail(NO_CRASH, evidence);
        }
        evidence.add(crash.get());
        return Verdict.pass(evidence);
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
