package dev.streamlab.web;

import dev.streamlab.scenario.Scenario;
import dev.streamlab.scenario.ScenarioException;
import dev.streamlab.scenario.Scenarios;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/** {@code POST /api/simulate}: the body is a scenario; 200 with the canonical result, or 400 with {@code {"error": ...}}. */
final class SimulateController {
    private final RunPermits runs;

    /** {@code runs}: how many simulations run at once; parsing and the budget check need no permit. */
    SimulateController(RunPermits runs) {
        this.runs = runs;
    }

    void simulate(Context ctx) {
        try {
            Scenario scenario = Scenarios.parse(ctx.body());
            ctx.contentType("application/json").result(runs.run(ctx,
                    () -> Scenarios.toCanonicalJson(Scenarios.run(scenario))));
        } catch (ScenarioException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
        }
    }
}
