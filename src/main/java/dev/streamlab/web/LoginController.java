package dev.streamlab.web;

import dev.streamlab.web.view.LoginPage;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/** {@code /login}: an instructor's browser gives the token once and gets an HttpOnly cookie for the session. */
final class LoginController {
    private final Classroom classroom;
    private final Instructors instructors;

    LoginController(Classroom classroom, Instructors instructors) {
        this.classroom = classroom;
        this.instructors = instructors;
    }

    void page(Context ctx) {
        ctx.html(LoginPage.render(classroom.isShared(), next(ctx.queryParam("next")), Optional.empty()));
    }

    void logIn(Context ctx) {
        String next = next(ctx.formParam("next"));
        if (!classroom.isShared()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        if (!instructors.matches(ctx.formParam("token"))) {
            ctx.status(HttpStatus.FORBIDDEN).html(LoginPage.render(true, next, Optional.of(
                    "That is not this lab's instructor token; copy it from the line the lab printed at start.")));
            return;
        }
        instructors.logIn(ctx);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** Only a path of this lab: "next" must not send a browser to another site after logging in. */
    private static String next(String asked) {
        return asked != null && asked.startsWith("/") && !asked.startsWith("//") && !asked.contains("\\")
                && asked.length() <= 200 && asked.chars().noneMatch(Character::isISOControl) ? asked : "/";
    }
}
