package dev.streamlab.web;

import dev.streamlab.lab.progress.LearnerName;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Which learner a request is from: the name in the lab's cookie, or the default learner when there is none. */
final class Learners {
    static final String COOKIE = "streamlab-learner";
    private static final int A_YEAR = 365 * 24 * 3600;

    private Learners() {
    }

    static LearnerName of(Context ctx) {
        String raw = ctx.cookie(COOKIE);
        if (raw == null || raw.isBlank()) {
            return LearnerName.DEFAULT;
        }
        try {
            return new LearnerName(URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return LearnerName.DEFAULT; // a cookie edited by hand: fall back rather than fail every page
        }
    }

    static void remember(Context ctx, LearnerName name) {
        ctx.cookie(new Cookie(COOKIE, URLEncoder.encode(name.value(), StandardCharsets.UTF_8), "/", A_YEAR, false,
                true, null, SameSite.LAX));
    }
}
