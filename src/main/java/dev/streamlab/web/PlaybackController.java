package dev.streamlab.web;

import dev.streamlab.engine.EngineBudget;
import dev.streamlab.engine.EngineConfig;
import dev.streamlab.engine.WindowSpec;
import dev.streamlab.kafka.actions.TopicActions;
import dev.streamlab.kafka.pipeline.PipelineException;
import dev.streamlab.kafka.pipeline.TopicPipelines;
import dev.streamlab.kafka.playback.ConfigOverrides;
import dev.streamlab.kafka.playback.PlaybackDesk;
import dev.streamlab.kafka.playback.PlaybackState;
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

    private final PlaybackDesk catalogDesk;
    private final Target target;
    private final TimeLab time;

    private final RunPermits controls;
    private final RunPermits starts;

    /**
     * Which playback a request drives: the class playback (the presenter view's, which learners follow) or the
     * learner's own; and what the answer to a control says.
     */
    interface Target {
        /** The desk a load goes to (a learner's own is made on their first load). */
        PlaybackDesk toLoad(Context ctx);

        /** The desk a control goes to; a refusal when there is none to control. */
        PlaybackDesk current(Context ctx);

        Object answer(Context ctx, PlaybackState state);
    }

    /** The class playback: one for the lab, what /present/time drives and following learners watch. */
    static Target classPlayback(PlaybackDesk desk) {
        return new Target() {
            @Override
            public PlaybackDesk toLoad(Context ctx) {
                return desk;
            }

            @Override
            public PlaybackDesk current(Context ctx) {
                return desk;
            }

            @Override
            public Object answer(Context ctx, PlaybackState state) {
                return state;
            }
        };
    }

    /**
     * The learner's own playback, for a learner who stopped following the class's: made on their first load; each
     * answer carries its {@code session}, the live subject {@code playback/SESSION} to watch it by.
     */
    static Target ownPlayback(OwnPlaybacks own, Learners learners) {
        return new Target() {
            @Override
            public PlaybackDesk toLoad(Context ctx) {
                return own.of(learners.of(ctx).value()).desk();
            }

            @Override
            public PlaybackDesk current(Context ctx) {
                return own.existing(learners.of(ctx).value()).map(OwnPlaybacks.Own::desk).orElseThrow(() -> new BadPlayback(
                        HttpStatus.CONFLICT, "you have no playback of your own yet: load a scenario first"));
            }

            @Override
            public Object answer(Context ctx, PlaybackState state) {
                Map<String, Object> answer = new java.util.LinkedHashMap<>(
                        WebServer.jsonMapper().convertValue(state, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
                own.existing(learners.of(ctx).value()).ifPresent(o -> answer.put("session", o.session()));
                return answer;
            }
        };
    }

    /** {@code GET /api/playback/mine}: the session and state of the learner's own playback, both null without one. */
    static void mine(OwnPlaybacks own, Learners learners, Context ctx) {
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        java.util.Optional<OwnPlaybacks.Own> mine = own.existing(learners.of(ctx).value());
        answer.put("session", mine.map(OwnPlaybacks.Own::session).orElse(null));
        answer.put("state", mine.flatMap(o -> o.desk().state()).orElse(null));
        ctx.json(answer);
    }

    /** {@code controls} and {@code starts}: how many playback controls and pipeline starts run at once. */
    PlaybackController(TimeLab time, RunPermits controls, RunPermits starts) {
        this(time, classPlayback(time.playback()), controls, starts);
    }

    PlaybackController(TimeLab time, Target target, RunPermits controls, RunPermits starts) {
        this.time = time;
        this.catalogDesk = time.playback();
        this.target = target;
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
        run(() -> catalogDesk.prepare(body.scenario(), overrides)); // an unknown or over-budget load needs no permit
        PlaybackState state = controls.run(ctx, () -> run(() -> target.toLoad(ctx).load(body.scenario(), overrides)));
        ctx.json(target.answer(ctx, state));
    }

    void step(Context ctx) {
        PlaybackDesk desk = target.current(ctx);
        ctx.json(target.answer(ctx, controls.run(ctx, () -> run(desk::step))));
    }

    void back(Context ctx) {
        PlaybackDesk desk = target.current(ctx);
        ctx.json(target.answer(ctx, controls.run(ctx, () -> run(desk::stepBack))));
    }

    void restart(Context ctx) {
        PlaybackDesk desk = target.current(ctx);
        ctx.json(target.answer(ctx, controls.run(ctx, () -> run(desk::restart))));
    }

    void pause(Context ctx) {
        PlaybackDesk desk = target.current(ctx);
        ctx.json(target.answer(ctx, run(desk::pause)));
    }

    void play(Context ctx) {
        PlayBody body = ctx.body().isBlank() ? new PlayBody(1.0) : JsonBodies.read(ctx.body(), PlayBody.class, "{\"speed\": 2}");
        double speed = body.speed() == null ? 1.0 : body.speed();
        if (!(speed >= 0.25 && speed <= 10)) {
            throw new BadPlayback(HttpStatus.BAD_REQUEST, "speed " + speed + " is out of range: choose from 0.25 to 10");
        }
        PlaybackDesk desk = target.current(ctx);
        ctx.json(target.answer(ctx, controls.run(ctx, () -> run(() -> desk.play(speed)))));
    }

    void inject(Context ctx) {
        InjectBody body = JsonBodies.read(ctx.body(), InjectBody.class, "{\"key\": \"cust-1\", \"lateByMs\": 90000}");
        if (body.key() == null || body.key().isBlank() || body.lateByMs() == null || body.lateByMs() < 0) {
            throw new BadPlayback(HttpStatus.BAD_REQUEST, "say the late event's key and how far behind the watermark it is, "
                    + "as in {\"key\": \"cust-1\", \"lateByMs\": 90000}");
        }
        PlaybackDesk desk = target.current(ctx);
        ctx.json(target.answer(ctx, controls.run(ctx, () -> run(() -> desk.injectLate(body.key(), body.lateByMs())))));
    }

    void scenarios(Context ctx) {
        ctx.json(Map.of("scenarios", catalogDesk.catalog().entries()));
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
