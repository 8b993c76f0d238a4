package dev.streamlab.lab.validate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The facts of one "Check my work": each question asked of the broker is answered once and then remembered, so the
 * requirements of one check see the same broker and a topic is not read again for every line. Made fresh per check.
 */
final class MemoizedFacts implements TopicFacts, RecordFacts, GroupFacts {
    private final TopicFacts topics;
    private final RecordFacts records;
    private final GroupFacts groups;
    private final Map<String, Optional<Topic>> topicAnswers = new ConcurrentHashMap<>();
    private final Map<String, List<Seen>> recordAnswers = new ConcurrentHashMap<>();
    private final Map<String, Optional<Group>> groupAnswers = new ConcurrentHashMap<>();
    private final Map<String, List<Sample>> historyAnswers = new ConcurrentHashMap<>();
    private final Map<String, List<Rewind>> rewindAnswers = new ConcurrentHashMap<>();

    MemoizedFacts(TopicFacts topics, RecordFacts records, GroupFacts groups) {
        this.topics = topics;
        this.records = records;
        this.groups = groups;
    }

    @Override
    public Optional<Topic> topic(String name) {
        return topicAnswers.computeIfAbsent(name, topics::topic);
    }

    @Override
    public List<Seen> records(String topic, boolean readCommitted) {
        return recordAnswers.computeIfAbsent((readCommitted ? "c:" : "u:") + topic,
                key -> records.records(topic, readCommitted));
    }

    @Override
    public Optional<Group> group(String groupId) {
        return groupAnswers.computeIfAbsent(groupId, groups::group);
    }

    @Override
    public List<Sample> history(String groupId) {
        return historyAnswers.computeIfAbsent(groupId, groups::history);
    }

    @Override
    public List<Rewind> rewinds(String groupId) {
        return rewindAnswers.computeIfAbsent(groupId, groups::rewinds);
    }
}
