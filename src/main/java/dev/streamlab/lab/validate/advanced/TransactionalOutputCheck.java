package dev.streamlab.lab.validate.advanced;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.TopicFacts.Topic;
import dev.streamlab.lab.validate.Verdict;
import dev.streamlab.lab.validate.advanced.TransactionFacts.ProducerSeen;
import dev.streamlab.lab.validate.advanced.TransactionFacts.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The output topic holds records written by a transactional producer: a producer id on its partitions that belongs
 * to a transactional id, and transaction markers in its log (every commit or abort leaves one per partition).
 */
final class TransactionalOutputCheck implements Check {
    static final String NO_OUTPUT = "no-output";
    static final String NOT_TRANSACTIONAL = "not-transactional";

    private final BrokerFacts facts;
    private final TransactionFacts transactions;

    TransactionalOutputCheck(BrokerFacts facts, TransactionFacts transactions) {
        this.facts = facts;
        this.transactions = transactions;
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        String output = submission.output();
        if (output == null) {
            return Verdict.fail(NO_OUTPUT, "no output topic was named");
        }
        Optional<Topic> topic = facts.topics().topic(output);
        if (topic.isEmpty()) {
            return Verdict.fail(NO_OUTPUT, "there is no topic " + output);
        }
        if (topic.get().records() == 0) {
            return Verdict.fail(NO_OUTPUT, output + " exists (" + topic.get().partitions().size()
                    + " partitions) but holds no records");
        }
        List<String> evidence = new ArrayList<>();
        List<ProducerSeen> producers = transactions.producers(output);
        Map<Long, Set<Integer>> partitionsById = new TreeMap<>();
        Map<Long, Integer> epochById = new TreeMap<>();
        for (ProducerSeen p : producers) {
            partitionsById.computeIfAbsent(p.producerId(), id -> new TreeSet<>()).add(p.partition());
            epochById.merge(p.producerId(), p.epoch(), Math::max);
        }
        if (producers.isEmpty()) {
            evidence.add("Kafka keeps no producer id for " + output
                    + ": it was written by a plain producer, neither idempotent nor transactional");
        }
        List<Transaction> known = transactions.transactions(partitionsById.keySet());
        Map<Long, String> transactionalIds = known.stream()
                .collect(Collectors.toMap(Transaction::producerId, Transaction::transactionalId, (a, b) -> a + ", " + b));
        partitionsById.forEach((id, partitions) -> evidence.add("producer id " + id + " (epoch " + epochById.get(id)
                + ") wrote partition" + (partitions.size() == 1 ? " " : "s ") + join(partitions) + " of " + output
                + (transactionalIds.containsKey(id) ? " with transactional id \"" + transactionalIds.get(id) + "\""
                : ", without a transactional id (idempotent at most)")));
        long uncommitted = facts.records().records(output, false).size();
        long committed = facts.records().records(output, true).size();
        long markers = topic.get().records() - uncommitted;
        evidence.add(markers + " transaction markers in " + output + " (" + committed + " committed records, "
                + (uncommitted - committed) + " aborted)");
        return !transactionalIds.isEmpty() && markers > 0 ? Verdict.pass(evidence) : Verdict.fail(NOT_TRANSACTIONAL, evidence);
    }

    private static String join(Set<Integer> partitions) {
        return partitions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_OUTPUT, NOT_TRANSACTIONAL);
    }
}
