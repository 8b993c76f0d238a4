package dev.streamlab.web;

import dev.streamlab.kafka.guarantees.GuaranteesDesk;
import dev.streamlab.kafka.guarantees.Worker;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Arrays;
import java.util.Map;

/** Chapter 4's controls over HTTP: start a run of the three workers, kill one, read where things stand. */
final class GuaranteesController {
    private final GuaranteesDesk desk;

    GuaranteesController(GuaranteesDesk desk) {
        this.desk = desk;
    }

    record StartBody(Integer records) {
    }

    record KillBody(Integer afterRecords, Integer times) {
    }

    void start(Context ctx) {
        StartBody body = JsonBodies.read(ctx.body(), StartBody.class, "{\"records\": 3000}");
        int records = body.records() == null ? 3000 : body.records();
        ctx.status(HttpStatus.CREATED).json(run(() -> desk.start(records)));
    }

    void kill(Context ctx) {
        Worker.Mode mode = Arrays.stream(Worker.Mode.values()).filter(m -> m.flag().equals(ctx.pathParam("mode")))
                .findFirst().orElseThrow(() -> new PlaybackController.BadPlayback(HttpStatus.NOT_FOUND,
                        "no mode \"" + ctx.pathParam("mode") + "\": use at-most-once, at-least-once or exactly-once"));
        KillBody body = ctx.body().isBlank() ? new KillBody(null, null)
                : JsonBodies.read(ctx.body(), KillBody.class, "{} (now), {\"afterRecords\": 500} or {\"times\": 3}");
        if (body.times() != null && (body.times() < 1 || body.times() > 50)) {
            throw new PlaybackController.BadPlayback(HttpStatus.BAD_REQUEST, "times must be from 1 to 50");
        }
        ctx.json(run(() -> desk.kill(mode, body.afterRecords(), body.times())));
    }

    void snapshot(Context ctx) {
        ctx.json(desk.snapshot().map(s -> (Object) s).orElse(Map.of("run", "none yet")));
    }

    private static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalStateException e) {
            throw new PlaybackController.BadPlayback(HttpStatus.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new PlaybackController.BadPlayback(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
