package dev.streamlab.web;

import dev.streamlab.lab.progress.LearnerKeys;
import dev.streamlab.lab.progress.LearnerName;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which learner a request is from: the name in the lab's cookie, or the default learner when there is none. In a
 * classroom a name counts only with the key cookie its browser got when it chose the name, so typing someone else's
 * name reads and changes nothing of theirs; alone on loopback the name is all there is, as before.
 */
final class Learners {
    static final String COOKIE = "streamlab-learner";
    static final String KEY_COOKIE = "streamlab-learner-key";
    private static final int A_YEAR = 365 * 24 * 3600;

    private final Classroom classroom;
    private final LearnerKeys keys;

    Learners(Classroom classroom, LearnerKeys keys) {
        this.classroom = classroom;
        this.keys = keys;
    }

    /** For showing pages: a name this browser cannot prove is shown as the default learner, never as that name. */
    LearnerName of(Context ctx) {
        Optional<LearnerName> named = cookieName(ctx);
        if (named.isEmpty()) {
            return LearnerName.DEFAULT;
        }
        return !classroom.isShared() || keys.holds(named.get(), ctx.cookie(KEY_COOKIE)) ? named.get() : LearnerName.DEFAULT;
    }

    /**
     * For reading or changing progress: the learner this browser proved to be. In a classroom a name without its key is
     * refused, and so is a change by a browser that has chosen no name (the default learner belongs to nobody there).
     */
    LearnerName own(Context ctx, boolean changes) {
        Optional<LearnerName> named = cookieName(ctx);
        if (!classroom.isShared()) {
            return named.orElse(LearnerName.DEFAULT);
        }
        if (named.isPresent() && !keys.holds(named.get(), ctx.cookie(KEY_COOKIE))) {
            throw new HttpRefusal(HttpStatus.FORBIDDEN, "this browser has not chosen the name \"" + named.get().value()
                    + "\" on this lab, so it may not see or change that learner's progress; choose your own name on the home page");
        }
        if (named.isEmpty() && changes) {
            throw new HttpRefusal(HttpStatus.FORBIDDEN, "this lab is shared by a class: choose your name on the home page "
                    + "first, so your progress is yours alone");
        }
        return named.orElse(LearnerName.DEFAULT);
    }

    /**
     * Makes {@code name} this browser's learner. In a classroom the first browser to choose a name gets its key; another
     * browser choosing it later is refused, so nobody can take over someone's progress by typing their name.
     */
    void choose(Context ctx, LearnerName name) {
        if (classroom.isShared() && !keys.holds(name, ctx.cookie(KEY_COOKIE))) {
            String key = keys.claim(name).orElseThrow(() -> new HttpRefusal(HttpStatus.CONFLICT, "the name \""
                    + name.value() + "\" is taken on this lab; choose another (or use the browser where you chose it)"));
            ctx.cookie(new Cookie(KEY_COOKIE, key, "/", A_YEAR, false, true, null, SameSite.LAX));
        }
        ctx.cookie(new Cookie(COOKIE, URLEncoder.encode(name.value(), StandardCharsets.UTF_8), "/", A_YEAR, false,
                true, null, SameSite.LAX));
    }

    /** The name the cookie says, whether or not the browser can prove it; for keying rate limits. */
    static String claimedName(Context ctx) {
        return cookieName(ctx).map(LearnerName::value).orElse("");
    }

    private static Optional<LearnerName> cookieName(Context ctx) {
        String raw = ctx.cookie(COOKIE);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LearnerName(URLDecoder.decode(raw, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a cookie edited by hand: fall back rather than fail every page
        }
    }
}
