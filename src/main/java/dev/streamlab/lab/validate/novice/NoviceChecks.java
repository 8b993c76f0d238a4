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
        return Map.of();
    }

    public static Map<String, PageActionHandler> actions(BrokerFacts facts) {
        return Map.of();
    }
}
