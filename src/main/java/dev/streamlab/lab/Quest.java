package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;

/** The quest the lab teaches: its chapters in order and its challenges from easiest to hardest. */
public record Quest(String title, List<Chapter> chapters, List<Challenge> challenges) {
    public Quest {
        Objects.requireNonNull(title, "title");
        chapters = List.copyOf(chapters);
        challenges = List.copyOf(challenges);
        if (chapters.isEmpty()) {
            throw new IllegalArgumentException("a quest needs at least one chapter");
        }
    }
}
