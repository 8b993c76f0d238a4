package dev.streamlab.web;

import dev.streamlab.lab.progress.LearnerName;
import dev.streamlab.web.RouteAccess.Access;
import dev.streamlab.web.WebServer.Route;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * In a classroom, refuses what {@link RouteAccess} keeps for the instructor or for another learner, and slows a client
 * that sends changes faster than a person could; alone on loopback it lets everything through. Runs before every
 * matched route, so a route is guarded by being classified in the table, not by remembering to call anything.
 */
final class ClassroomGuard {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Classroom classroom;
    private final RouteAccess routes;
    private final Instructors instructors;
    private final Learners learners;
    private final BiPredicate<LearnerName, String> ownsTopic;
    private final RateLimits limits;

    ClassroomGuard(Classroom classroom, RouteAccess routes, Instructors instructors, Learners learners,
                   BiPredicate<LearnerName, String> ownsTopic, RateLimits limits) {
        this.classroom = classroom;
        this.routes = routes;
        this.instructors = instructors;
        this.learners = learners;
        this.ownsTopic = ownsTopic;
        this.limits = limits;
    }

    /** The before-matched handler: refuses with {@link HttpRefusal}, or returns and the route runs. */
    void check(Context ctx) {
        String method = ctx.method().name();
        if (STATE_CHANGING.contains(method)) {
            limit(ctx);
        }
        if (!classroom.isShared()) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) {
            return; // nothing matched: the 404 that follows runs no route
        }
        Route route = new Route(endpoint.method.name(), endpoint.path);
        // Unclassified means nobody decided: the safe guess is that only the instructor may.
        Access access = routes.of(route).orElse(Access.INSTRUCTOR);
        switch (access) {
            case OPEN, SHARED -> {
            }
            case LEARNER -> {
                // The instructor may see and check every learner's work; a learner only their own.
                if (!instructors.isInstructor(ctx)) {
                    learners.own(ctx, STATE_CHANGING.contains(method));
                }
            }
            case OWN_TOPIC -> {
                if (!instructors.isInstructor(ctx) && !ownsTopic.test(learners.of(ctx), ctx.pathParam("name"))) {
                    throw instructorOnly("deleting a topic that is not one of your own");
                }
            }
            case INSTRUCTOR -> {
                if (!instructors.isInstructor(ctx)) {
                    if (method.equals("GET") && !ctx.path().startsWith("/api/")) {
                        ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
                        ctx.skipRemainingHandlers();
                        return;
                    }
                    throw instructorOnly(method + " " + route.path());
                }
            }
        }
    }

    private static HttpRefusal instructorOnly(String what) {
        return new HttpRefusal(HttpStatus.UNAUTHORIZED, "this lab is shared by a class, and " + what + " is for the "
                + "instructor: log in at /login with the token the lab printed at start, or send the header "
                + "\"Authorization: Bearer TOKEN\"", Map.of("WWW-Authenticate", "Bearer realm=\"streamlab\""));
    }

    /**
     * Keyed by address and the learner's name, so a class behind one router (one address) still gets a bucket per
     * learner. Loopback is exempt: whoever sits at the lab's machine can stop it anyway, and tests run there.
     */
    private void limit(Context ctx) {
        String address = ctx.req().getRemoteAddr();
        if (address == null || isLoopback(address)) {
            return;
        }
        OptionalLong wait = limits.take(address + "|" + Learners.claimedName(ctx));
        if (wait.isPresent()) {
            throw new HttpRefusal(HttpStatus.TOO_MANY_REQUESTS, "too many changes from this browser in a short time; try "
                    + "again in " + wait.getAsLong() + " s", Map.of("Retry-After", Long.toString(wait.getAsLong())));
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
