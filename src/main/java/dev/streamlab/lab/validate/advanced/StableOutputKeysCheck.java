package dev.streamlab.lab.validate.advanced;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts.Seen;
import dev.streamlab.lab.validate.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every committed output record has a key, and the key is an id that comes from the input (an order id, or the
 * customer the order is keyed by), so a downstream table that upserts by key replaces a row instead of piling up
 * copies when a record is written again.
 */
final class StableOutputKeysCheck implements Check {
    static final String NO_OUTPUT = "no-output";
    static final String NO_INPUT = "no-input";
    static final String NO_KEY = "no-key";
    static final String RANDOM_KEY = "random-key";
    private static final int EXAMPLES = 3;

    private final BrokerFacts facts;

    StableOutputKeysCheck(BrokerFacts facts) {
        this.facts = facts;
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String output = submission.output();
        List<Seen> records = output == null ? List.of() : facts.records().records(output, true);
        if (records.isEmpty()) {
            return Verdict.fail(NO_OUTPUT, output == null ? "no output topic was named"
                    : output + " has no committed records to look at");
        }
        List<Seen> keyless = records.stream().filter(r -> r.key() == null || r.key().isEmpty()).toList();
        if (!keyless.isEmpty()) {
            Seen first = keyless.get(0);
            return Verdict.fail(NO_KEY, keyless.size() + " of " + records.size() + " records in " + output
                    + " have no key (the first at partition " + first.partition() + ", offset " + first.offset() + ")");
        }
        Set<String> orderIds = new HashSet<>();
        Set<String> customers = new HashSet<>();
        List<Seen> input = submission.topic() == null ? List.of() : facts.records().records(submission.topic(), true);
        for (Seen r : input) {
            if (r.key() != null) {
                customers.add(r.key());
            }
            Records.field(r.value(), "order_id").ifPresent(orderIds::add);
            Records.field(r.value(), "customer").ifPresent(customers::add);
        }
        if (orderIds.isEmpty() && customers.isEmpty()) {
            return Verdict.fail(NO_INPUT, "found no orders in " + (submission.topic() == null ? "the input topic"
                    : submission.topic()) + " to compare the output keys with");
        }
        Set<String> foreign = new LinkedHashSet<>();
        int foreignCount = 0;
        int byOrder = 0;
        int byCustomer = 0;
        for (Seen r : records) {
            if (orderIds.contains(r.key())) {
                byOrder++;
            } else if (customers.contains(r.key())) {
                byCustomer++;
            } else {
                foreignCount++;
                if (foreign.size() < EXAMPLES) {
                    foreign.add(Records.shorten(r.key()));
                }
            }
        }
        if (foreignCount > 0) {
            return Verdict.fail(RANDOM_KEY, foreignCount + " of " + records.size() + " keys in " + output
                    + " are neither an order id nor a customer of " + submission.topic() + ", e.g. "
                    + String.join(", ", foreign));
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("all " + records.size() + " committed records in " + output + " have a key");
        if (byCustomer > 0) {
            evidence.add(byCustomer + " are keyed by the customer, e.g. " + example(records, customers, orderIds));
        }
        if (byOrder > 0) {
            evidence.add(byOrder + " are keyed by the order id, e.g. " + example(records, orderIds, Set.of()));
        }
        return Verdict.pass(evidence);
    }

    private static String example(List<Seen> records, Set<String> in, Set<String> notIn) {
        return records.stream().map(Seen::key).filter(k -> in.contains(k) && !notIn.contains(k)).findFirst().orElse("?");
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_OUTPUT, NO_INPUT, NO_KEY, RANDOM_KEY);
    }
}
