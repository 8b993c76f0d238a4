package dev.streamlab.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Tells an instructor's request from a learner's: it carries {@code Authorization: Bearer TOKEN} (scripts) or the
 * HttpOnly cookie {@code /login} sets (browsers). Every comparison is of equal-length digests in constant time, so how
 * long a refusal takes says nothing about how much of a guess was right.
 */
final class Instructors {
    static final String COOKIE = "streamlab-instructor";

    private final Classroom classroom;
    private final byte[] tokenDigest;
    /** What the cookie holds: derived from the token, so a browser's cookie store never holds the token itself. */
    private final String session;

    Instructors(Classroom classroom) {
        this.classroom = classroom;
        String token = classroom.instructorToken().orElse("");
        this.tokenDigest = sha256(token);
        this.session = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("streamlab instructor session\n" + token));
    }

    /** True on a lab nobody shares (everyone there is the instructor), or when the request proves the token. */
    boolean isInstructor(Context ctx) {
        if (!classroom.isShared()) {
            return true;
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).strip())) {
            return true;
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie != null && MessageDigest.isEqual(sha256(cookie), sha256(session));
    }

    /** Whether {@code typed} is the token. */
    boolean matches(String typed) {
        return classroom.isShared() && typed != null && MessageDigest.isEqual(sha256(typed), tokenDigest);
    }

    /** Until the browser closes: an instructor's session should not outlive the class on a shared machine. */
    void logIn(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, session, "/", -1, false, true, null, SameSite.STRICT));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
