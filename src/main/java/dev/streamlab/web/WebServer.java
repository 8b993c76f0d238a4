package dev.streamlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamlab.engine.EngineBudget;
import dev.streamlab.kafka.actions.ActionException;
import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Chapter;
import dev.streamlab.web.live.LiveEndpoint;
import dev.streamlab.web.live.LiveJson;
import dev.streamlab.web.view.InstructorPage;
import dev.streamlab.web.view.PresentPage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.javalin.websocket.WsHandlerEntry;
import io.javalin.websocket.WsHandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The lab's HTTP server: routes to controllers, static browser modules from web/, JSON errors under /api. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;
    private final RouteAccess access;
    private final InstructorBoard board;
    private final OwnPlaybacks own;

    /**
     * The routes that show every learner's data: open on loopback, the instructor's alone (with the token) once the lab
     * is off loopback ({@link RouteAccess} takes them from here). The live channel's board is watched by a secret key
     * that only the /instructor page carries, so it is guarded with the page.
     */
    public static final List<Route> INSTRUCTOR_ROUTES = List.of(
            new Route("GET", InstructorPage.PATH),
            new Route("GET", InstructorPage.CSV_PATH),
            new Route("GET", "/api/instructor/board"));

    /** Whether {@code path} is one of {@link #INSTRUCTOR_ROUTES} (none of them has a path parameter). */
    static boolean isInstructorRoute(String path) {
        return INSTRUCTOR_ROUTES.stream().anyMatch(r -> r.path().equals(path));
    }

    public WebServer(WebContext lab) {
        HealthController health = new HealthController(lab);
        Instructors instructors = new Instructors(lab.classroom());
        Learners learners = new Learners(lab.classroom(), lab.learnerKeys());
        PageController pages = new PageController(lab, learners);
        LoginController login = new LoginController(lab.classroom(), instructors);
        KafkaActionsController kafka = new KafkaActionsController(lab.kafkaActions());
        GuaranteesController guarantees = new GuaranteesController(lab.guarantees());
        QuestController quest = new QuestController(lab.learning(), lab.broker().bootstrapServers(), learners,
                instructors);
        BatchStreamController batchStream = new BatchStreamController(lab.batchStream());
        OriginPolicy origins = new OriginPolicy(lab.allowedHosts());
        LiveEndpoint live = new LiveEndpoint(lab.live());
        Favicon favicon = new Favicon();
        EngineBudget budget = EngineBudget.DEFAULT;
        this.board = new InstructorBoard(lab.learning(), learners, new Presence(), lab.classroomFeeds()::board, lab.clock());
        this.own = new OwnPlaybacks(new OwnPlaybacks.Desks() {
            @Override
            public dev.streamlab.kafka.playback.PlaybackDesk open(String session) {
                return lab.time().newDesk().apply(lab.classroomFeeds().ownPlayback(session));
            }

            @Override
            public void released(String session) {
                lab.classroomFeeds().forgetOwnPlayback(session);
            }
        }, lab.clock());
        // Reading and checking a body is cheap but holds up to maxInputBytes: a few at once. Running is what costs.
        RunPermits reads = new RunPermits(budget.concurrentReads(), "requests to simulate, play back or start pipelines");
        SimulateController simulate = new SimulateController(new RunPermits(budget.concurrentRuns(), "simulations"));
        RunPermits playbackControls = new RunPermits(budget.concurrentRuns(), "playback controls");
        RunPermits pipelineStarts = new RunPermits(budget.concurrentRuns(), "pipeline starts");
        PlaybackController playback = new PlaybackController(lab.time(), playbackControls, pipelineStarts);
        // The same permits: a learner's own playback costs what the class's does.
        PlaybackController mine = new PlaybackController(lab.time(), PlaybackController.ownPlayback(own, learners),
                playbackControls, pipelineStarts);
        this.access = RouteAccess.standard(questPages(lab));
        // No learner owns a topic yet: until learners' names carry their prefix, only the instructor deletes topics in a class.
        ClassroomGuard guard = new ClassroomGuard(lab.classroom(), access, instructors, learners, (learner, topic) -> false,
                RateLimits.defaults());
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Javalin reads a body only up to this and then answers 413 (see the HttpResponseException handler below)
            config.http.maxRequestSize = budget.maxInputBytes();
            config.jsonMapper(new JavalinJackson(jsonMapper(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/web";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            // Only the lab's own host names are answered (DNS rebinding); a page elsewhere must not drive the
            // learner's lab: refuse its state changes and its live channel.
            config.routes.before(ctx -> {
                refuseForeignHost(origins, ctx);
                if (STATE_CHANGING.contains(ctx.method().name())) {
                    refuseForeignOrigin(origins, ctx);
                }
            });
            // After the host and origin checks: a foreign page is told so, not asked to log in.
            config.routes.beforeMatched(ctx -> {
                if (ctx.status() != HttpStatus.FORBIDDEN) {
                    guard.check(ctx);
                }
            });
            config.routes.after("/api/*", ctx -> {
                if (STATE_CHANGING.contains(ctx.method().name()) && ctx.statusCode() < 300) {
                    lab.kafkaChanged().run();
                }
            });
            // The board's "current page" and "last activity" are what the lab saw, not what a browser says.
            config.routes.after(board::saw);
            config.routes.wsBeforeUpgrade("/ws", ctx -> {
                refuseForeignHost(origins, ctx);
                refuseForeignOrigin(origins, ctx);
            });
            config.routes.ws("/ws", live::configure);
            config.routes.get("/", pages::home);
            config.routes.get("/favicon.ico", favicon::serve);
            config.routes.get("/login", login::page);
            config.routes.post("/login", login::logIn);
            config.routes.get("/api/health", health::health);
            config.routes.get(InstructorPage.PATH, ctx -> pages.instructor(ctx, lab.classroomFeeds().boardKey()));
            config.routes.get(InstructorPage.CSV_PATH, board::csv);
            config.routes.get("/api/instructor/board", board::json);
            config.routes.post("/api/simulate", reads.guard(simulate::simulate));
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
            config.routes.post("/api/playback", reads.guard(playback::load));
            config.routes.post("/api/playback/step", reads.guard(playback::step));
            config.routes.post("/api/playback/back", reads.guard(playback::back));
            config.routes.post("/api/playback/restart", reads.guard(playback::restart));
            config.routes.post("/api/playback/play", reads.guard(playback::play));
            config.routes.post("/api/playback/pause", playback::pause);
            config.routes.post("/api/playback/inject", reads.guard(playback::inject));
            // A learner who stopped following the class playback drives one of their own, by the same controls.
            config.routes.get("/api/playback/mine", ctx -> PlaybackController.mine(own, learners, ctx));
            config.routes.post("/api/playback/mine", reads.guard(mine::load));
            config.routes.post("/api/playback/mine/step", reads.guard(mine::step));
            config.routes.post("/api/playback/mine/back", reads.guard(mine::back));
            config.routes.post("/api/playback/mine/restart", reads.guard(mine::restart));
            config.routes.post("/api/playback/mine/play", reads.guard(mine::play));
            config.routes.post("/api/playback/mine/pause", mine::pause);
            config.routes.post("/api/playback/mine/inject", reads.guard(mine::inject));
            config.routes.get("/api/pipelines", playback::pipelines);
            config.routes.post("/api/pipelines", reads.guard(playback::startPipeline));
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
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                String error = e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()
                        ? "the request body is larger than the lab reads (at most " + budget.maxInputBytes()
                        + " bytes); send less, e.g. fewer events"
                        : e.getMessage();
                ctx.status(e.getStatus()).json(Map.of("error", error));
            });
            for (Chapter chapter : lab.quest().chapters()) {
                config.routes.get(chapter.path(), ctx -> pages.chapter(ctx, chapter));
                if (PageController.PRESENTABLE.contains(chapter.id())) {
                    config.routes.get(PresentPage.path(chapter), ctx -> pages.present(ctx, chapter));
                }
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

    /** The API answers JSON as it always does; a page or file gets the same sentence as plain text, to read. */
    private static void refuseForeignHost(OriginPolicy origins, Context ctx) {
        if (ctx.status() == HttpStatus.FORBIDDEN) {
            return; // refused already (the upgrade passes the HTTP before-handlers first)
        }
        String refusal = origins.hostRefusal(ctx.header("Host"));
        if (refusal != null) {
            LOG.warn("refused {} {} sent to host {}: not one of the lab's names", ctx.method(), ctx.path(),
                    shortened(ctx.header("Host")));
            ctx.status(HttpStatus.FORBIDDEN);
            if (ctx.path().startsWith("/api/")) {
                ctx.json(Map.of("error", refusal));
            } else {
                ctx.contentType("text/plain; charset=utf-8").result("Streamlab refused this request: " + refusal + "\n");
            }
            ctx.skipRemainingHandlers();
        }
    }

    private static String shortened(String text) {
        return text == null || text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private static void refuseForeignOrigin(OriginPolicy origins, Context ctx) {
        if (ctx.status() == HttpStatus.FORBIDDEN) {
            return;
        }
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

    /** One endpoint the router answers: an HTTP method (or {@code WEBSOCKET}) and its path as registered. */
    public record Route(String method, String path) {
        public static final String WEBSOCKET = "WEBSOCKET";

        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Every endpoint in the router, in the order registered, read from Javalin's own router (as its route-overview
     * plugin does), so a route added to this class is listed without anyone updating a list. Filters (before,
     * after) are not endpoints and are left out.
     */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            if (parsed.endpoint.method.isHttpMethod()) {
                routes.add(new Route(parsed.endpoint.method.name(), parsed.endpoint.path));
            }
        }
        for (WsHandlerEntry ws : app.unsafe.internalRouter.allWsHandlers()) {
            if (ws.getType() == WsHandlerType.WEBSOCKET) {
                routes.add(new Route(Route.WEBSOCKET, ws.getPath()));
            }
        }
        return List.copyOf(routes);
    }

    /** Who may use each route, as the classroom guard reads it (every route of {@link #routes()} is in it). */
    public RouteAccess access() {
        return access;
    }

    /** The pages the quest's content makes: a chapter's, a challenge's and a chapter's presenter view. */
    private static List<String> questPages(WebContext lab) {
        List<String> pages = new ArrayList<>();
        for (Chapter chapter : lab.quest().chapters()) {
            pages.add(chapter.path());
            if (PageController.PRESENTABLE.contains(chapter.id())) {
                pages.add(PresentPage.path(chapter));
            }
        }
        for (Challenge challenge : lab.quest().challenges()) {
            pages.add(challenge.path());
        }
        return pages;
    }

    @Override
    public void close() {
        app.stop();
        board.close();
        own.close();
    }

    /** How the lab writes JSON, for REST answers and live frames alike. */
    public static ObjectMapper jsonMapper() {
        return LiveJson.mapper();
    }
}
