package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Check;
import dev.streamlab.lab.validate.PageActionHandler;

import java.util.Map;

/** The checks of the intermediate challenge, by the names its {@code challenge.json} uses. */
public final class IntermediateChecks {
    private IntermediateChecks() {
    }

    public static Map<String, Check> checks(BrokerFacts facts) {
        return Map.of();
    }

    public static Map<String, PageActionHandler> actions(BrokerFacts facts) {
        return Map.of();
    }
}
