package dev.streamlab.web;

import dev.streamlab.engine.EngineBudget;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;
import dev.streamlab.kafka.actions.TopicActions;
import dev.streamlab.kafka.pipeline.PipelineException;
import dev.streamlab.kafka.pipeline.TopicPipelines;
import dev.streamlab.kafka.playback.ConfigOverrides;
import dev.streamlab.kafka.playback.PlaybackDesk;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The time lab's playback over HTTP: load a scenario (with the controls' window and watermark settings), step,
 * step back, play, pause, restart, inject a late event. Answers with the playback's state; refusals are
 * {@code {"error": ...}} with 400, 404 or 409.
 */
final class PlaybackController {
    private static final String LOAD_EXAMPLE = "{\"scenario\": \"mobile-order-1159\"} (optional: \"window\": {\"type\": "
            + "\"tumbling\", \"sizeMs\": 3600000}, \"maxOutOfOrdernessMs\", \"allowedLatenessMs\", \"idlenessMs\")";

    private static final String PIPELINE_EXAMPLE = "{\"topic\": \"orders\", \"window\": {\"type\": \"tumbling\", "
            + "\"sizeMs\": 60000}, \"maxOutOfOrdernessMs\": 5000, \"allowedLatenessMs\": 0}";
    /** A learner's pipeline without settings: one-minute windows on both clocks, a 5 s bound, no lateness. */
    private static final EngineConfig DEFAULT_LIVE = new EngineConfig(new WindowSpec.Tumbling(60_000, 0), 5_000, 0, 1, 0,
            new WindowSpec.Tumbling(60_000, 0));

    private final PlaybackDesk desk;
    private final TimeLab time;

    private final RunPermits controls;
    private final RunPermits starts;

    /** {@code controls} and {@code starts}: how many playback controls and pipeline starts run at once. */
    PlaybackController(TimeLab time, RunPermits controls, RunPermits starts) {
        this.time = time;
        this.desk = time.playback();
        this.controls = controls;
        this.starts = starts;
    }

    record PipelineBody(String topic, WindowBody window, Long maxOutOfOrdernessMs, Long allowedLatenessMs, Long idlenessMs) {
    }

    record PipelineView(String topic, String output, String late, String run) {
    }

    /** {@code POST /api/pipelines}: starts or reconfigures the pipeline on a topic of the learner's. */
    void startPipeline(Context ctx) {
        PipelineBody body = JsonBodies.read(ctx.body(), PipelineBody.class, PIPELINE_EXAMPLE);
        TopicActions.refuseInternal(body.topic(), "A pipeline on it would read Kafka's own bookkeeping and write "
                + "topics next to it");
        WindowBody w = body.window();
        ConfigOverrides overrides = new ConfigOverrides(w == null ? null : w.type(), w == null ? null : w.sizeMs(),
                w == null ? null : w.slideMs(), w == null ? null : w.gapMs(), body.maxOutOfOrdernessMs(),
                body.allowedLatenessMs(), body.idlenessMs());
        EngineConfig c = run(() -> overrides.applyTo(DEFAULT_LIVE)); // refuses what is over budget before asking Kafka
        TopicPipelines.Started started = starts.run(ctx, () -> run(() -> {
            try {
                return time.pipelines().start(body.topic(), partitions -> {
                    EngineConfig live = new EngineConfig(c.windows(), c.maxOutOfOrdernessMs(), c.allowedLatenessMs(),
                            partitions, c.idlenessMs(), c.windows().merging() ? null : c.windows());
                    EngineBudget.DEFAULT.checkConfig(live); // the topic's partition count
                    return live;
                });
            } catch (PipelineException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }));
        time.pipelinesChanged().run();
        ctx.status(HttpStatus.CREATED).json(new PipelineView(body.topic(), started.spec().outputTopic(),
                started.spec().lateTopic(), started.run()));
    }

    /** {@code DELETE /api/pipelines/{topic}}: 204, or 404 when none runs on it. */
    void stopPipeline(Context ctx) {
        String topic = ctx.pathParam("topic");
        TopicActions.checkTopic(topic);
        if (!time.pipelines().stop(topic)) {
            throw new BadPlayback(HttpStatus.NOT_FOUND, "no pipeline runs on " + topic);
        }
        time.pipelinesChanged().run();
        ctx.status(HttpStatus.NO_CONTENT);
    }

    void pipelines(Context ctx) {
        ctx.json(Map.of("pipelines", time.pipelines().list()));
    }

    record LoadBody(String scenario, WindowBody window, Long maxOutOfOrdernessMs, Long allowedLatenessMs, Long idlenessMs) {
    }

    record WindowBody(String type, Long sizeMs, Long slideMs, Long gapMs) {
    }

    record PlayBody(Double speed) {
    }

    record InjectBody(String key, Long lateByMs) {
    }

    void load(Context ctx) {
        LoadBody body = JsonBodies.read(ctx.body(), LoadBody.class, LOAD_EXAMPLE);
        if (body.scenario() == null || body.scenario().isBlank()) {
            throw new BadPlayback(HttpStatus.BAD_REQUEST, "say which scenario to load, as in " + LOAD_EXAMPLE);
        }
        WindowBody w = body.window();
        ConfigOverrides overrides = new ConfigOverrides(w == null ? null : w.type(), w == null ? null : w.sizeMs(),
                w == null ? null : w.slideMs(), w == null ? null : w.gapMs(), body.maxOutOfOrdernessMs(),
                body.allowedLatenessMs(), body.idlenessMs());
        run(() -> desk.prepare(body.scenario(), overrides)); // an unknown or over-budget load needs no permit
        ctx.json(controls.run(ctx, () -> run(() -> desk.load(body.scenario(), overrides))));
    }

    void step(Context ctx) {
        ctx.json(controls.run(ctx, () -> run(desk::step)));
    }

    void back(Context ctx) {
        ctx.json(controls.run(ctx, () -> run(desk::stepBack)));
    }

    void restart(Context ctx) {
        ctx.json(controls.run(ctx, () -> run(desk::restart)));
    }

    void pause(Context ctx) {
        ctx.json(run(desk::pause));
    }

    void play(Context ctx) {
        PlayBody body = ctx.body().isBlank() ? new PlayBody(1.0) : JsonBodies.read(ctx.body(), PlayBody.class, "{\"speed\": 2}");
        double speed = body.speed() == null ? 1.0 : body.speed();
        if (!(speed >= 0.25 && speed <= 10)) {
            throw new BadPlayback(HttpStatus.BAD_REQUEST, "speed " + speed + " is out of range: choose from 0.25 to 10");
        }
        ctx.json(controls.run(ctx, () -> run(() -> desk.play(speed))));
    }

    void inject(Context ctx) {
        InjectBody body = JsonBodies.read(ctx.body(), InjectBody.class, "{\"key\": \"cust-1\", \"lateByMs\": 90000}");
        if (body.key() == null || body.key().isBlank() || body.lateByMs() == null || body.lateByMs() < 0) {
            throw new BadPlayback(HttpStatus.BAD_REQUEST, "say the late event's key and how far behind the watermark it is, "
                    + "as in {\"key\": \"cust-1\", \"lateByMs\": 90000}");
        }
        ctx.json(controls.run(ctx, () -> run(() -> desk.injectLate(body.key(), body.lateByMs()))));
    }

    void scenarios(Context ctx) {
        ctx.json(Map.of("scenarios", desk.catalog().entries()));
    }

    private static <T> T run(java.util.function.Supplier<T> control) {
        try {
            return control.get();
        } catch (NoSuchElementException e) {
            throw new BadPlayback(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            throw new BadPlayback(HttpStatus.CONFLICT, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadPlayback(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** A refused control, with the status to answer. */
    static final class BadPlayback extends RuntimeException {
        final HttpStatus status;

        BadPlayback(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }

    static void refused(BadPlayback e, Context ctx) {
        ctx.status(e.status).json(Map.of("error", e.getMessage()));
    }
}
