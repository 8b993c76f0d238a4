package dev.streamlab.scenario;

import dev.streamlab.engine.Firing;
import dev.streamlab.engine.LateElement;

import java.util.List;

/** What the engine produced for a scenario: event-time firings and late side output, in engine order. */
public record ScenarioResult(List<Firing> firings, List<LateElement> dropped) {

    public ScenarioResult {
        firings = List.copyOf(firings);
        dropped = List.copyOf(dropped);
    }
}
