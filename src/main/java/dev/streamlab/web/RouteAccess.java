package dev.streamlab.web;

import dev.streamlab.web.WebServer.Route;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use each route of the lab: the one table {@link ClassroomGuard} reads. A route missing from it is treated
 * as an instructor route (and a test fails), so a new route is guarded until someone says otherwise here.
 */
public final class RouteAccess {
    /** What a route does, which decides who may use it in a classroom. Alone on loopback everyone may use every route. */
    public enum Access {
        /** Pages, static files and reading the shared cluster: anyone who reaches the lab. */
        OPEN,
        /** Changes on the shared broker any learner may make (topics, records, demo consumers): anyone, rate-limited. */
        SHARED,
        /** The caller's own progress: only the learner whose name this browser chose (with its key cookie). */
        LEARNER,
        /** Deleting a topic: the instructor, or a learner deleting one of their own topics. */
        OWN_TOPIC,
        /** What changes the class's lab for everyone or shows every learner: the instructor token only. */
        INSTRUCTOR
    }

    private final Map<Route, Access> table;

    private RouteAccess(Map<Route, Access> table) {
        this.table = Map.copyOf(table);
    }

    /**
     * The lab's routes; {@code questPages} are the chapter, challenge and presenter pages the quest's content makes
     * (open, like every page). Add a new route here, next to its kind.
     */
    public static RouteAccess standard(Collection<String> questPages) {
        Map<Route, Access> t = new LinkedHashMap<>();
        for (String page : questPages) {
            t.put(get(page), Access.OPEN);
        }
        t.put(get("/"), Access.OPEN);
        t.put(get("/favicon.ico"), Access.OPEN);
        t.put(get("/login"), Access.OPEN);
        t.put(post("/login"), Access.OPEN);
        t.put(new Route(Route.WEBSOCKET, "/ws"), Access.OPEN);
        t.put(get("/api/health"), Access.OPEN);
        t.put(get("/api/consumers"), Access.OPEN);
        t.put(get("/api/scenarios"), Access.OPEN);
        t.put(get("/api/pipelines"), Access.OPEN);
        t.put(get("/api/guarantees"), Access.OPEN);

        t.put(post("/api/simulate"), Access.SHARED); // runs in the request, on nobody's data
        t.put(post("/api/topics"), Access.SHARED);
        t.put(post("/api/topics/{name}/records"), Access.SHARED);
        t.put(post("/api/groups/{group}/consumers"), Access.SHARED);
        t.put(post("/api/groups/{group}/reset"), Access.SHARED);
        t.put(post("/api/consumers/{id}/pause"), Access.SHARED);
        t.put(post("/api/consumers/{id}/resume"), Access.SHARED);
        t.put(delete("/api/consumers/{id}"), Access.SHARED);
        t.put(post("/api/batch-stream/batch"), Access.SHARED);
        t.put(post("/api/batch-stream/trickle"), Access.SHARED);
        t.put(post("/api/batch-stream/orders"), Access.SHARED);
        t.put(post("/api/batch-stream/reset"), Access.SHARED);
        t.put(post("/api/challenges/{challenge}/actions/{action}"), Access.SHARED); // writes to the topic the learner names
        t.put(post("/api/learner"), Access.SHARED); // choosing a name has its own rule: a taken name is refused

        t.put(get("/api/progress"), Access.LEARNER);
        t.put(post("/api/progress/reset"), Access.LEARNER);
        t.put(post("/api/progress/notice/dismiss"), Access.LEARNER);
        t.put(post("/api/progress/marks/{mark}"), Access.LEARNER);
        t.put(post("/api/chapters/{chapter}/questions/{question}/answer"), Access.LEARNER);
        t.put(post("/api/challenges/{challenge}/check"), Access.LEARNER); // another learner's check: the instructor only

        t.put(delete("/api/topics/{name}"), Access.OWN_TOPIC);

        // A learner's own playback, beside the class's: theirs alone, like their progress.
        t.put(get("/api/playback/mine"), Access.LEARNER);
        for (String control : List.of("", "/step", "/back", "/restart", "/play", "/pause", "/inject")) {
            t.put(post("/api/playback/mine" + control), Access.LEARNER);
        }
        // Every learner's progress and whereabouts: the instructor's board.
        for (Route route : WebServer.INSTRUCTOR_ROUTES) {
            t.put(route, Access.INSTRUCTOR);
        }

        // The class playback: one scenario the whole class watches, stepped by the instructor.
        t.put(post("/api/playback"), Access.INSTRUCTOR);
        t.put(post("/api/playback/step"), Access.INSTRUCTOR);
        t.put(post("/api/playback/back"), Access.INSTRUCTOR);
        t.put(post("/api/playback/restart"), Access.INSTRUCTOR);
        t.put(post("/api/playback/play"), Access.INSTRUCTOR);
        t.put(post("/api/playback/pause"), Access.INSTRUCTOR);
        t.put(post("/api/playback/inject"), Access.INSTRUCTOR);
        // Pipelines and guarantees runs cost the machine a thread or a process each: the instructor starts them.
        t.put(post("/api/pipelines"), Access.INSTRUCTOR);
        t.put(delete("/api/pipelines/{topic}"), Access.INSTRUCTOR);
        t.put(post("/api/guarantees"), Access.INSTRUCTOR);
        t.put(post("/api/guarantees/{mode}/kill"), Access.INSTRUCTOR);
        return new RouteAccess(t);
    }

    /** This table with one more route (or one reclassified), for routes a part of the lab adds for itself. */
    public RouteAccess with(Route route, Access access) {
        Map<Route, Access> more = new LinkedHashMap<>(table);
        more.put(Objects.requireNonNull(route, "route"), Objects.requireNonNull(access, "access"));
        return new RouteAccess(more);
    }

    /** The kind of a route as registered (its path with {@code {params}}), or empty when nobody classified it. */
    public Optional<Access> of(Route route) {
        return Optional.ofNullable(table.get(route));
    }

    private static Route get(String path) {
        return new Route("GET", path);
    }

    private static Route post(String path) {
        return new Route("POST", path);
    }

    private static Route delete(String path) {
        return new Route("DELETE", path);
    }
}
