package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;

/** One guided step of a challenge: what to do (Markdown) and the code to start from, in one or more languages. */
public record Step(String title, String markdown, List<CodeSample> code) {
    public Step {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown of step " + title);
        code = List.copyOf(code);
    }
}
