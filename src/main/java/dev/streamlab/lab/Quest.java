package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The quest the lab teaches: its chapters in order, its challenges from easiest to hardest, the completion
 * checklist and the badges, whose requirements name only chapters, challenges and requirements the quest has.
 */
public record Quest(String title, List<Chapter> chapters, List<Challenge> challenges, List<Milestone> checklist,
                    List<Milestone> badges) {
    public Quest {
        Objects.requireNonNull(title, "title");
        chapters = List.copyOf(chapters);
        challenges = List.copyOf(challenges);
        checklist = List.copyOf(checklist);
        badges = List.copyOf(badges);
        if (chapters.isEmpty()) {
            throw new IllegalArgumentException("a quest needs at least one chapter");
        }
        LabPaths.requireUnique(java.util.stream.Stream.concat(chapters.stream().map(Chapter::id),
                challenges.stream().map(Challenge::id)).toList(), "chapter and challenge ids");
        for (Milestone m : java.util.stream.Stream.concat(checklist.stream(), badges.stream()).toList()) {
            for (String r : m.requires()) {
                String kind = r.substring(0, r.indexOf(':'));
                String target = r.substring(r.indexOf(':') + 1);
                List<Chapter> knownChapters = chapters;
                List<Challenge> knownChallenges = challenges;
                boolean known = switch (kind) {
                    case "quiz", "decisions" -> knownChapters.stream().anyMatch(c -> c.id().equals(target));
                    case "challenge" -> knownChallenges.stream().anyMatch(c -> c.id().equals(target));
                    case "check" -> knownChallenges.stream()
                            .filter(c -> c.id().equals(target.substring(0, target.indexOf('/'))))
                            .anyMatch(c -> c.requirement(target.substring(target.indexOf('/') + 1)).isPresent());
                    default -> true;
                };
                if (!known) {
                    throw new IllegalArgumentException("milestone " + m.id() + " requires " + r
                            + ", which the quest does not have");
                }
            }
        }
    }

    public Optional<Chapter> chapter(String id) {
        return chapters.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<Challenge> challenge(String id) {
        return challenges.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
