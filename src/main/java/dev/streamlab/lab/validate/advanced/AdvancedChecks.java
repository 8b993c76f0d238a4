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
        return Map.of();
    }

    public static Map<String, PageActionHandler> actions(BrokerFacts facts) {
        return Map.of();
    }
}
