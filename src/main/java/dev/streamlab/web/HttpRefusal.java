package dev.streamlab.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/** A request the lab refuses, with the status and one sentence saying what to do; answered as {@code {"error": …}}. */
final class HttpRefusal extends RuntimeException {
    private final HttpStatus status;
    private final Map<String, String> headers;

    HttpRefusal(HttpStatus status, String message) {
        this(status, message, Map.of());
    }

    /** With response headers that say the same to a program (Retry-After, WWW-Authenticate). */
    HttpRefusal(HttpStatus status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static void answer(HttpRefusal refusal, Context ctx) {
        refusal.headers.forEach(ctx::header);
        ctx.status(refusal.status).json(Map.of("error", refusal.getMessage()));
    }
}
