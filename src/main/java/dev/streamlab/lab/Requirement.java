package dev.streamlab.lab;

import java.util.Map;
import java.util.Objects;

/**
 * One requirement of a challenge and how it is checked: {@code check} names a check in the catalog, {@code params}
 * are its parameters (window size, partition count...), {@code hints} the text shown for each way it can fail.
 */
public record Requirement(String id, String text, String check, Map<String, Object> params, Map<String, String> hints) {
    public Requirement {
        LabPaths.requireId(id);
        Objects.requireNonNull(text, "text of requirement " + id);
        Objects.requireNonNull(check, "check of requirement " + id);
        params = params == null ? Map.of() : Map.copyOf(params);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
    }
}
