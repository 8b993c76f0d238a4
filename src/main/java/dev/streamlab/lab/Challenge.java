package dev.streamlab.lab;

import java.util.Objects;

/** One of the quest's challenges, with its level and the lab page (a path starting with "/") that guides it. */
public record Challenge(String id, String level, String title, String summary, String path) {
    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        LabPaths.requirePagePath(path);
    }
}
