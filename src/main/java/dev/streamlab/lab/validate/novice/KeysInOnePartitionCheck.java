package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.RecordFacts;
import dev.streamlab.lab.validate.RecordFacts.Seen;
import dev.streamlab.lab.validate.TopicFacts;
import dev.streamlab.lab.validate.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@value #NAME}: the topic holds records, every record has a key, each key sits in exactly one partition (so the
 * records of one key stay in order), and there are at least {@code minKeys} keys (default 2) so the spreading shows.
 * Failures are reported in that order, since each one hides the next.
 */
public final class KeysInOnePartitionCheck implements Check {
    public static final String NAME = "keys-in-one-partition";
    static final String NO_RECORDS = "no-records";
    static final String NULL_KEYS = "null-keys";
    static final String KEY_SPLIT = "key-split";
    static final String ONE_KEY = "one-key";

    private final TopicFacts topics;
    private final RecordFacts records;

    public KeysInOnePartitionCheck(TopicFacts topics, RecordFacts records) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.records = Objects.requireNonNull(records, "records");
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        int minKeys = params.integer("minKeys", 2);
        String topic = submission.topic();
        if (topics.topic(topic).isEmpty()) {
            return Verdict.fail(NO_RECORDS, "there is no topic named " + topic + ", so there are no records to look at");
        }
        List<Seen> all = records.records(topic, false);
        if (all.isEmpty()) {
            return Verdict.fail(NO_RECORDS, topic + " has no records");
        }
        List<Seen> keyless = all.stream().filter(r -> r.key() == null).toList();
        if (!keyless.isEmpty()) {
            Seen first = keyless.get(0);
            return Verdict.fail(NULL_KEYS, keyless.size() + " of " + Texts.count(all.size(), "record") + " in " + topic
                    + " have no key (the first at partition " + first.partition() + ", offset " + first.offset() + ")");
        }
        Map<String, Map<Integer, Integer>> partitionsOfKey = new TreeMap<>();
        for (Seen r : all) {
            partitionsOfKey.computeIfAbsent(r.key(), k -> new TreeMap<>()).merge(r.partition(), 1, Integer::sum);
        }
        List<String> split = new ArrayList<>();
        partitionsOfKey.forEach((key, partitions) -> {
            if (partitions.size() > 1) {
                split.add("key " + key + " is in partitions " + Texts.and(List.copyOf(partitions.keySet())));
            }
        });
        String summary = Texts.count(all.size(), "record") + ", " + Texts.count(partitionsOfKey.size(), "key") + ": "
                + placement(partitionsOfKey);
        if (!split.isEmpty()) {
            List<String> evidence = new ArrayList<>(split.subList(0, Math.min(split.size(), Texts.LIST_LIMIT)));
            if (split.size() > Texts.LIST_LIMIT) {
                evidence.add((split.size() - Texts.LIST_LIMIT) + " more keys are split too");
            }
            return Verdict.fail(KEY_SPLIT, evidence);
        }
        if (partitionsOfKey.size() < minKeys) {
            return Verdict.fail(ONE_KEY, summary, "fewer than " + minKeys + " different keys, so there is nothing to "
                    + "tell apart");
        }
        return Verdict.pass(summary, "every key is in exactly one partition");
    }

    /** "cust-0 → p1 (6), cust-1 → p0 (6)" for keys that each sit in one partition; the split ones are listed apart. */
    private static String placement(Map<String, Map<Integer, Integer>> partitionsOfKey) {
        Map<String, String> shown = new LinkedHashMap<>();
        partitionsOfKey.forEach((key, partitions) -> {
            List<String> where = new ArrayList<>();
            partitions.forEach((p, n) -> where.add("p" + p + " (" + n + ")"));
            shown.put(key, key + " → " + String.join(" + ", where));
        });
        return Texts.list(List.copyOf(shown.values()));
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_RECORDS, NULL_KEYS, KEY_SPLIT, ONE_KEY);
    }
}
