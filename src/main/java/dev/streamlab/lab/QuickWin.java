package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;

/** One of a chapter's quick wins: earned once every question it names is answered right. */
public record QuickWin(String id, String text, List<String> questions) {
    public QuickWin {
        LabPaths.requireId(id);
        Objects.requireNonNull(text, "text");
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("quick win " + id + " needs at least one question that earns it");
        }
    }
}
