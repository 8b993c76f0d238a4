package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.Submission;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.TopicFacts;
import dev.streamlab.lab.validate.Verdict;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@value #NAME}: the learner's topic exists with at least {@code minPartitions} partitions (default 2), since one
 * partition cannot show how keys spread work.
 */
public final class TopicPartitionsCheck implements Check {
    public static final String NAME = "topic-partitions";
    static final String NO_TOPIC = "no-topic";
    static final String TOO_FEW = "too-few-partitions";

    private final TopicFacts topics;

    public TopicPartitionsCheck(TopicFacts topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    @Override
    public Verdict run(Submission submission, Params params) {
        int wanted = params.integer("minPartitions", 2);
        String name = submission.topic();
        Optional<TopicFacts.Topic> topic = topics.topic(name);
        if (topic.isEmpty()) {
            return Verdict.fail(NO_TOPIC, "there is no topic named " + name);
        }
        int partitions = topic.get().partitions().size();
        String seen = name + " has " + Texts.count(partitions, "partition");
        return partitions >= wanted ? Verdict.pass(seen) : Verdict.fail(TOO_FEW, seen + ", fewer than " + wanted);
    }

    @Override
    public Set<String> hintKeys() {
        return Set.of(NO_TOPIC, TOO_FEW);
    }
}
