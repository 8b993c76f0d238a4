package dev.streamlab.lab;

import java.util.Map;
import java.util.Objects;

/**
 * A button on a challenge page that helps the learner test their work, such as "inject a late event": {@code action}
 * names its implementation in the catalog and {@code params} its parameters.
 */
public record PageAction(String id, String label, String text, String action, Map<String, Object> params) {
    public PageAction {
        LabPaths.requireId(id);
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(action, "action");
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
