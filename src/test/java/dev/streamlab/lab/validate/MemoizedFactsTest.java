package dev.streamlab.lab.validate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Within one "Check my work" every question is put to the broker once, however many requirements ask it. */
class MemoizedFactsTest {

    /** Facts that answer from fixed data and write down every question they are asked. */
    private static final class CountingFacts implements TopicFacts, RecordFacts, GroupFacts {
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<Topic> topic(String name) {
            asked.add("topic " + name);
            return Optional.of(new Topic(name, List.of(new Partition(0, 0, 1))));
        }

        @Override
        public List<Seen> records(String topic, boolean readCommitted) {
            asked.add("records " + topic + (readCommitted ? " committed" : " uncommitted"));
            return List.of(new Seen(0, 0, "k", "v", 1L, Map.of()));
        }

        @Override
        public Optional<Group> group(String groupId) {
            asked.add("group " + groupId);
            return Optional.empty();
        }

        @Override
        public List<Sample> history(String groupId) {
            asked.add("history " + groupId);
            return List.of();
        }

        @Override
        public List<Rewind> rewinds(String groupId) {
            asked.add("rewinds " + groupId);
            return List.of();
        }
    }

    @Test
    void eachQuestionIsAskedOnceAndTheSameAnswerGivenAgain() {
        CountingFacts broker = new CountingFacts();
        MemoizedFacts memo = new MemoizedFacts(broker, broker, broker);

        for (int requirement = 0; requirement < 3; requirement++) {
            memo.topic("orders");
            memo.records("orders", true);
            memo.records("orders", false);
            memo.group("billing");
            memo.rewinds("billing");
        }

        assertEquals(List.of("topic orders", "records orders committed", "records orders uncommitted", "group billing",
                "rewinds billing"), broker.asked);
    }

    @Test
    void aNewCheckAsksAfresh() {
        CountingFacts broker = new CountingFacts();
        new MemoizedFacts(broker, broker, broker).topic("orders");
        new MemoizedFacts(broker, broker, broker).topic("orders");

        assertEquals(List.of("topic orders", "topic orders"), broker.asked);
    }
}
