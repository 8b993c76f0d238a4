package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One of the quest's challenges, read from {@code labs/<id>/challenge.json}: its page, its objective and reading
 * (Markdown), the guided steps, hints revealed on request, the page's helper actions, and the requirements that
 * "Check my work" validates against the broker, using {@code defaults} for what the learner leaves blank.
 */
public record Challenge(String id, String level, String title, String summary, String path, String objective,
                        String markdown, Submission defaults, List<String> fields, List<Requirement> requirements,
                        List<Step> steps, List<String> hints, List<PageAction> actions) {
    /** The names a learner may give: the topic they write, the group that reads it, the topic their program writes. */
    public static final List<String> FIELDS = List.of("topic", "group", "output");

    public Challenge {
        LabPaths.requireId(id);
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        LabPaths.requirePagePath(path);
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(defaults, "defaults");
        fields = List.copyOf(fields);
        for (String field : fields) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("challenge " + id + " asks for field " + field + "; fields are " + FIELDS);
            }
        }
        requirements = List.copyOf(requirements);
        if (requirements.isEmpty()) {
            throw new IllegalArgumentException("challenge " + id + " needs at least one requirement to check");
        }
        LabPaths.requireUnique(requirements.stream().map(Requirement::id).toList(), "requirement ids in challenge " + id);
        steps = List.copyOf(steps);
        hints = List.copyOf(hints);
        actions = List.copyOf(actions);
    }

    public Optional<Requirement> requirement(String requirementId) {
        return requirements.stream().filter(r -> r.id().equals(requirementId)).findFirst();
    }

    public Optional<PageAction> action(String actionId) {
        return actions.stream().filter(a -> a.id().equals(actionId)).findFirst();
    }
}
