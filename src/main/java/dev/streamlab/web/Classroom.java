package dev.streamlab.web;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a class shares this lab: with an instructor token, instructor actions need it and each learner's name needs
 * the key its browser got when choosing it; without one (a learner alone on loopback) nothing is guarded.
 */
public record Classroom(Optional<String> instructorToken) {
    /** Below this a class with a script could guess it; the lab's own tokens are longer. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public Classroom {
        Objects.requireNonNull(instructorToken, "instructorToken");
        instructorToken.ifPresent(token -> {
            if (token.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("an instructor token has at least " + MIN_TOKEN_LENGTH + " characters");
            }
        });
    }

    /** One learner on their own machine: no token, no keys. */
    public static Classroom alone() {
        return new Classroom(Optional.empty());
    }

    /** A class: instructor actions need {@code token}. */
    public static Classroom shared(String token) {
        return new Classroom(Optional.of(token));
    }

    public boolean isShared() {
        return instructorToken.isPresent();
    }
}
