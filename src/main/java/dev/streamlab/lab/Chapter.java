package dev.streamlab.lab;

import java.util.Objects;

/** One chapter of the quest, numbered from 1, with the lab page (a path starting with "/") that teaches it. */
public record Chapter(int number, String id, String title, String summary, String path) {
    public Chapter {
        if (number < 1) {
            throw new IllegalArgumentException("chapter numbers start at 1, got " + number);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        LabPaths.requirePagePath(path);
    }
}
