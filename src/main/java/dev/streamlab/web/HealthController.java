package dev.streamlab.web;

import io.javalin.http.Context;

/** {@code GET /api/health}. */
final class HealthController {
    private final WebContext lab;

    HealthController(WebContext lab) {
        this.lab = lab;
    }

    void health(Context ctx) {
        ctx.json(lab.health());
    }
}
