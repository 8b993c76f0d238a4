package dev.streamlab.lab.validate;

import dev.streamlab.kafka.KafkaClients;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything checks may look at, handed to each challenge's checks when the catalog is built: the small fact
 * interfaces, and the clients for checks that need a fact of their own (such as transactions).
 */
public record BrokerFacts(TopicFacts topics, RecordFacts records, GroupFacts groups, KafkaClients clients, Clock clock) {
    public BrokerFacts {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(clock, "clock");
    }

    /** These facts for one check of a challenge: each answer fetched once, then remembered. */
    public BrokerFacts memoized() {
        MemoizedFacts memo = new MemoizedFacts(topics, records, groups);
        return new BrokerFacts(memo, memo, memo, clients, clock);
    }
}
