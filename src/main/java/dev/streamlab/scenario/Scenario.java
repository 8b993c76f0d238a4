package dev.streamlab.scenario;

import dev.streamlab.engine.EngineConfig;

import java.util.List;

/** A parsed, valid scenario: the engine settings and the events in arrival order. */
public record Scenario(EngineConfig config, List<ScenarioEvent> events) {

    public Scenario {
        events = List.copyOf(events);
    }
}
