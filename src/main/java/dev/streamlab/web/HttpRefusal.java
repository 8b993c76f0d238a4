package dev.streamlab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/** A request the lab refuses, with the status and one sentence saying what to do; answered as {@code {"error": …}}. */
final class HttpRefusal extends RuntimeException {
    private final HttpStatus status;

    HttpRefusal(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    static void answer(HttpRefusal refusal, Context ctx) {
        ctx.status(refusal.status).json(Map.of("error", refusal.getMessage()));
    }
}
