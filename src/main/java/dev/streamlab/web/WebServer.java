package dev.streamlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Chapter;
import dev.streamlab.web.live.LiveEndpoint;
import dev.streamlab.web.live.LiveJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;

/** The lab's HTTP server: routes to controllers, static browser modules from web/, JSON errors under /api. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;

    public WebServer(WebContext lab) {
        HealthController health = new HealthController(lab);
        PageController pages = new PageController(lab);
        SimulateController simulate = new SimulateController();
        KafkaActionsController kafka = new KafkaActionsController(lab.kafkaActions());
        PlaybackController playback = new PlaybackController(lab.time());
        GuaranteesController guarantees = new GuaranteesController(lab.guarantees());
        QuestController quest = new QuestController(lab.learning(), lab.broker().bootstrapServers());
        BatchStreamController batchStream = new BatchStreamController(lab.batchStream());
        OriginPolicy origins = new OriginPolicy(lab.allowedHosts());
        LiveEndpoint live = new LiveEndpoint(lab.live());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(jsonMapper(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/web";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            // A page elsewhere must not drive the learner's lab: refuse its state changes and its live channel.
            config.routes.before(ctx -> {
                if (STATE_CHANGING.contains(ctx.method().name())) {
                    refuseForeignOrigin(origins, ctx);
                }
            });
            config.routes.after("/api/*", ctx -> {
                if (STATE_CHANGING.contains(ctx.method().name()) && ctx.statusCode() < 300) {
                    lab.kafkaChanged().run();
                }
            });
            config.routes.wsBeforeUpgrade("/ws", ctx -> refuseForeignOrigin(origins, ctx));
            config.routes.ws("/ws", live::configure);
            config.routes.get("/", pages::home);
            config.routes.get("/api/health", health::health);
            config.routes.post("/api/simulate", simulate::simulate);
            config.routes.post("/api/topics", kafka::createTopic);
            config.routes.delete("/api/topics/{name}", kafka::deleteTopic);
            config.routes.post("/api/topics/{name}/records", kafka::produce);
            config.routes.post("/api/groups/{group}/consumers", kafka::startConsumer);
            config.routes.post("/api/groups/{group}/reset", kafka::resetGroup);
            config.routes.get("/api/consumers", kafka::listConsumers);
            config.routes.post("/api/consumers/{id}/pause", kafka::pauseConsumer);
            config.routes.post("/api/consumers/{id}/resume", kafka::resumeConsumer);
            config.routes.delete("/api/consumers/{id}", kafka::stopConsumer);
            config.routes.exception(ActionException.class, KafkaActionsController::refused);
            config.routes.get("/api/scenarios", playback::scenarios);
            config.routes.post("/api/playback", playback::load);
            config.routes.post("/api/playback/step", playback::step);
            config.routes.post("/api/playback/back", playback::back);
            config.routes.post("/api/playback/restart", playback::restart);
            config.routes.post("/api/playback/play", playback::play);
            config.routes.post("/api/playback/pause", playback::pause);
            config.routes.post("/api/playback/inject", playback::inject);
            config.routes.get("/api/pipelines", playback::pipelines);
            config.routes.post("/api/pipelines", playback::startPipeline);
            config.routes.delete("/api/pipelines/{topic}", playback::stopPipeline);
            config.routes.get("/api/guarantees", guarantees::snapshot);
            config.routes.post("/api/guarantees", guarantees::start);
            config.routes.post("/api/guarantees/{mode}/kill", guarantees::kill);
            config.routes.post("/api/batch-stream/batch", batchStream::batch);
            config.routes.post("/api/batch-stream/trickle", batchStream::trickle);
            config.routes.post("/api/batch-stream/orders", batchStream::orders);
            config.routes.post("/api/batch-stream/reset", batchStream::reset);
            config.routes.exception(PlaybackController.BadPlayback.class, PlaybackController::refused);
            config.routes.post("/api/chapters/{chapter}/questions/{question}/answer", quest::answer);
            config.routes.post("/api/challenges/{challenge}/check", quest::check);
            config.routes.post("/api/challenges/{challenge}/actions/{action}", quest::act);
            config.routes.get("/api/progress", quest::standing);
            config.routes.post("/api/progress/reset", quest::reset);
            config.routes.post("/api/progress/notice/dismiss", quest::dismissNotice);
            config.routes.post("/api/progress/marks/{mark}", quest::mark);
            config.routes.post("/api/learner", quest::learner);
            config.routes.exception(HttpRefusal.class, HttpRefusal::answer);
            for (Chapter chapter : lab.quest().chapters()) {
                config.routes.get(chapter.path(), ctx -> pages.chapter(ctx, chapter));
            }
            for (Challenge challenge : lab.quest().challenges()) {
                config.routes.get(challenge.path(), ctx -> pages.challenge(ctx, challenge));
            }
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                if (ctx.path().startsWith("/api/")) {
                    if (ctx.endpoints().matchedHttpEndpoint() == null) { // a matched action said itself what is missing
                        ctx.json(Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
                    }
                } else {
                    pages.notFound(ctx);
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                        .json(Map.of("error", "the lab failed to answer " + ctx.path() + ": " + e.getMessage()
                                + " (the lab's console has the details)"));
            });
        });
    }

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static void refuseForeignOrigin(OriginPolicy origins, Context ctx) {
        String refusal = origins.refusal(ctx.header("Origin"), ctx.header("Host"));
        if (refusal != null) {
            LOG.warn("refused {} {} from origin {}: {}", ctx.method(), ctx.path(), ctx.header("Origin"), refusal);
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", refusal));
            ctx.skipRemainingHandlers();
        }
    }

    /** Starts listening; fails with Jetty's bind error when the port is taken. */
    public WebServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** How the lab writes JSON, for REST answers and live frames alike. */
    public static ObjectMapper jsonMapper() {
        return LiveJson.mapper();
    }
}
