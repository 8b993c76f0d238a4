package dev.streamlab.lab.validate.advanced;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.GroupFacts.Group;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.Verdict;
import dev.streamlab.lab.validate.advanced.TransactionFacts.OffsetsPartition;
import dev.streamlab.lab.validate.advanced.TransactionFacts.ProducerSeen;
import dev.streamlab.lab.validate.advanced.TransactionFacts.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The group's offsets on the input were committed inside the transactions that wrote the output. Kafka shows this
 * after the fact: an offset commit sent through the producer's transaction is written to the group's partition of
 * {@code __consumer_offsets} under the producer's id, and a consumer's own commit carries no producer id. So the
 * producer that wrote the output must also appear on that partition.
 */
final class OffsetsInTransactionCheck implements Check {
    static final String NO_OFFSETS = "no-offsets";
    static final String COMMITTED_OUTSIDE = "committed-outside";

    private final BrokerFacts facts;
    private final TransactionFacts transactions;

    OffsetsInTransactionCheck(BrokerFacts facts, TransactionFacts transactions) {
        this.facts = facts;
        this.transactions = transactions;
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String group = submission.group();
        String input = submission.topic();
        if (group == null || input == null) {
            return Verdict.fail(NO_OFFSETS, "name the input topic and the consumer group to check");
        }
        Optional<Group> seen = facts.groups().group(group);
        Map<Integer, Long> committed = seen.map(g -> g.committed(input)).orElse(Map.of());
        if (committed.isEmpty()) {
            return Verdict.fail(NO_OFFSETS, seen.isEmpty() ? "Kafka knows no group " + group
                    : "group " + group + " has no committed offsets on " + input);
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("group " + group + " committed offsets on " + input + ": " + committed.entrySet().stream()
                .map(e -> "partition " + e.getKey() + " at " + e.getValue()).collect(Collectors.joining(", ")));
        Set<Long> writers = submission.output() == null ? Set.of() : transactions.producers(submission.output()).stream()
                .map(ProducerSeen::producerId).collect(Collectors.toCollection(TreeSet::new));
        OffsetsPartition offsets = transactions.offsetsPartition(group);
        Set<Long> onOffsets = offsets.producers().stream().map(ProducerSeen::producerId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Long> shared = new TreeSet<>(onOffsets);
        shared.retainAll(writers);
        if (shared.isEmpty()) {
            evidence.add("no producer that wrote " + submission.output() + " also wrote " + offsets.name()
                    + ", where group " + group + "'s commits are kept: the consumer committed them "
                    + (onOffsets.isEmpty() ? "(that partition has no producer id at all)"
                    : "(that partition only has producer ids " + onOffsets + " of other programs)"));
            if (writers.isEmpty() && submission.output() != null) {
                evidence.add("no producer id is known on " + submission.output() + " either");
            }
            return Verdict.fail(COMMITTED_OUTSIDE, evidence);
        }
        List<Transaction> named = transactions.transactions(shared);
        evidence.add("producer id " + shared.iterator().next()
                + (named.isEmpty() ? "" : " (transactional id \"" + named.get(0).transactionalId() + "\")")
                + " wrote both " + submission.output() + " and " + offsets.name()
                + ", where group " + group + "'s commits are kept: the offsets went in with its transactions");
        return Verdict.pass(evidence);
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_OFFSETS, COMMITTED_OUTSIDE);
    }
}
