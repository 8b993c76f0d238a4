package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;

/**
 * An item of the quest's completion checklist or a badge: earned when every one of {@code requires} holds. A
 * requirement is {@code quiz:<chapter>} (all its knowledge checks answered right), {@code decisions:<chapter>},
 * {@code challenge:<id>} (every requirement passed), {@code check:<challenge>/<requirement>}, or {@code self:<id>}
 * (the learner ticks it themselves).
 */
public record Milestone(String id, String icon, String title, String text, List<String> requires) {
    public Milestone {
        LabPaths.requireId(id);
        Objects.requireNonNull(title, "title");
        text = text == null ? "" : text;
        icon = icon == null ? "" : icon;
        requires = List.copyOf(requires);
        if (requires.isEmpty()) {
            throw new IllegalArgumentException("milestone " + id + " needs at least one requirement");
        }
        for (String r : requires) {
            if (!r.matches("(quiz|decisions|challenge|self):[a-z0-9-]+|check:[a-z0-9-]+/[a-z0-9-]+")) {
                throw new IllegalArgumentException("milestone " + id + " has requirement \"" + r
                        + "\"; use quiz:<chapter>, decisions:<chapter>, challenge:<id>, check:<challenge>/<requirement> or self:<id>");
            }
        }
    }
}
