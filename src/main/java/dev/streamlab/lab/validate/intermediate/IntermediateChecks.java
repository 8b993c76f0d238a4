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
        return Map.of(
                "event-time-field", new EventTimeFieldCheck(facts.topics(), facts.records()),
                "tumbling-counts", new TumblingCountsCheck(facts.topics(), facts.records()),
                "late-event-in-true-window", new LateEventCheck(facts.topics(), facts.records()));
    }

    public static Map<String, PageActionHandler> actions(BrokerFacts facts) {
        return Map.of("inject-late-event", new InjectLateEvent(facts.topics(), facts.records(), facts.clients()));
    }
}
