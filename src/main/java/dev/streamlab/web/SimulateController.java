package dev.streamlab.web;

import dev.streamlab.scenario.ScenarioException;
import dev.streamlab.scenario.Scenarios;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/** {@code POST /api/simulate}: the body is a scenario; 200 with the canonical result, or 400 with {@code {"error": ...}}. */
final class SimulateController {

    void simulate(Context ctx) {
        try {
            ctx.contentType("application/json").result(Scenarios.simulate(ctx.body()));
        } catch (ScenarioException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage()));
        }
    }
}
