package dev.streamlab.lab.validate;

import java.util.List;
import java.util.Objects;

/** One line of "Check my work": the requirement, passed or not, what the broker showed, and the hint when it failed. */
public record CheckResult(String requirement, String text, boolean passed, List<String> evidence, String hint) {
    public CheckResult {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(text, "text");
        evidence = List.copyOf(evidence);
        if (passed && hint != null) {
            throw new IllegalArgumentException("a passed requirement needs no hint");
        }
    }
}
