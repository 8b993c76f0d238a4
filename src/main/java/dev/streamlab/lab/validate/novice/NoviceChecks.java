package dev.streamlab.lab.validate.novice;

import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.PageActionHandler;

import java.util.Map;

/** The checks of the novice challenge, by the names its {@code challenge.json} uses. */
public final class NoviceChecks {
    private NoviceChecks() {
    }

    public static Map<String, Check> checks(BrokerFacts facts) {
        return Map.of(
                TopicPartitionsCheck.NAME, new TopicPartitionsCheck(facts.topics()),
                KeysInOnePartitionCheck.NAME, new KeysInOnePartitionCheck(facts.topics(), facts.records()),
                GroupReadFromEarliestCheck.NAME, new GroupReadFromEarliestCheck(facts.topics(), facts.records(),
                        facts.groups()),
                ReplayObservedCheck.NAME, new ReplayObservedCheck(facts.topics(), facts.groups(), facts.clock()));
    }

    /** The novice page has no helper buttons: the learner's own programs do all the work. */
    public static Map<String, PageActionHandler> actions(BrokerFacts facts) {
        return Map.of();
    }
}
