package dev.streamlab.lab.progress;

import java.util.Objects;

/**
 * Tells a learner that their saved progress could not be read: where the unreadable file was kept, and the sentence
 * the home page and {@code /api/progress} show. It stays until the learner dismisses it.
 */
public record ProgressNotice(String keptAs, String text) {
    public ProgressNotice {
        Objects.requireNonNull(keptAs, "keptAs");
        Objects.requireNonNull(text, "text");
    }

    public static ProgressNotice keptAs(String file) {
        return new ProgressNotice(file, "Your saved progress could not be read; it was kept as " + file
                + " and you start afresh.");
    }
}
