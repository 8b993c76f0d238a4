package dev.streamlab.lab.validate.advanced;

import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.PageActionHandler;

import java.util.Map;

/** The checks of the advanced challenge, by the names its {@code challenge.json} uses. */
public final class AdvancedChecks {
    private AdvancedChecks() {
    }

    public static Map<String, Check> checks(BrokerFacts facts) {
        return checks(facts, new KafkaTransactionFacts(facts.clients()));
    }

    /** The same checks, learning about producers and transactions from {@code transactions}. */
    public static Map<String, Check> checks(BrokerFacts facts, TransactionFacts transactions) {
        return Map.of(
                "transactional-output", new TransactionalOutputCheck(facts, transactions),
                "offsets-in-transaction", new OffsetsInTransactionCheck(facts, transactions),
                "stable-output-keys", new StableOutputKeysCheck(facts),
                "exactly-once-after-crash", new ExactlyOnceAfterCrashCheck(facts));
    }

    public static Map<String, PageActionHandler> actions(BrokerFacts facts) {
        return Map.of();
    }
}
