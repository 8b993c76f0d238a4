package dev.streamlab.scenario;

import dev.streamlab.engine.Engine;
import dev.streamlab.engine.EngineBudget;
import dev.streamlab.engine.EngineLog;
import dev.streamlab.engine.CollectingOutput;
import dev.streamlab.engine.ManualClock;

import java.util.List;

/**
 * Runs conformance-format scenarios through the engine: each event arrives at its {@code arrivalMs} on a virtual
 * processing clock (default: its index), then the input ends with the final watermark.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /** Parses, runs and writes the canonical result: the one entry point for CLI and web. */
    public static String simulate(String json) throws ScenarioException {
        return toCanonicalJson(run(parse(json)));
    }

    /** Parses and validates a scenario. */
    public static Scenario parse(String json) throws ScenarioException {
        return new ScenarioParser(EngineBudget.DEFAULT).parse(json);
    }

    /** Runs a scenario without a log. */
    public static ScenarioResult run(Scenario scenario) {
        return run(scenario, EngineLog.OFF);
    }

    /** Runs a scenario, sending every engine step to {@code log}. */
    public static ScenarioResult run(Scenario scenario, EngineLog log) {
        CollectingOutput output = new CollectingOutput();
        ManualClock clock = new ManualClock(0);
        Engine engine = new Engine(scenario.config(), clock, output, log);
        for (ScenarioEvent e : scenario.events()) {
            clock.set(e.arrivalMs());
            engine.onEvent(e.key(), e.ts(), e.value(), e.partition());
        }
        engine.endOfInput();
        return new ScenarioResult(output.firings(), output.late());
    }

    /** The canonical output format of the conformance suite. */
    public static String toCanonicalJson(ScenarioResult result) {
        return CanonicalJson.write(result);
    }
}
