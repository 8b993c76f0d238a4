package dev.streamlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.scenario.ScenarioException;
import dev.streamlab.scenario.Scenarios;
import io.javalin.http.Context;

import java.util.Map;

/** {@code POST /api/simulate}: the body is a scenario; 200 with the canonical result, or 400 with {@code {"error": ...}}. */
public final class SimulateController {
    private final ObjectMapper mapper = new ObjectMapper();

    public void simulate(Context ctx) {
        String body;
        int status;
        try {
            body = Scenarios.simulate(ctx.body());
            status = 200;
        } catch (ScenarioException e) {
            body = error(e.getMessage());
            status = 400;
        }
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(body);
    }

    private String error(String message) {
        try {
            return mapper.writeValueAsString(Map.of("error", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
