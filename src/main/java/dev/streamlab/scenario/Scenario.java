package dev.streamlab.scenario;

import dev.streamlab.engine.EngineConfig;

import java.util.List;

/**
 * A parsed, valid scenario: the engine settings and the events in arrival order, plus the optional instructor texts
 * ({@code id}, {@code title}, {@code description}, {@code lesson}; {@code null} when absent) that the engine ignores.
 */
public record Scenario(EngineConfig config, List<ScenarioEvent> events, String id, String title, String description,
                       String lesson) {

    public Scenario {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        events = List.copyOf(events);
    }

    /** A scenario without texts. */
    public Scenario(EngineConfig config, List<ScenarioEvent> events) {
        this(config, events, null, null, null, null);
    }

    /** The same scenario under another id (the catalog names a scenario after its file). */
    public Scenario withId(String newId) {
        return new Scenario(config, events, newId, title, description, lesson);
    }
}
