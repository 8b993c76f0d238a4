package dev.streamlab.lab;

import dev.streamlab.lab.progress.Progress;
import dev.streamlab.lab.progress.Standing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The class at a glance, from every learner's saved progress: one row per learner, the questions the class misses
 * most (with the explanation the learners who missed it read) and the challenge requirement that holds most of them
 * back (with the hint its check last gave). Pure: the caller reads the progress and knows the hints seen.
 */
public record ClassBoard(List<LearnerRow> learners, List<Missed> mostMissed, Optional<Blocking> blocking) {
    /** How many of the most-missed questions the board names. */
    public static final int MISSED_SHOWN = 3;

    public ClassBoard {
        learners = List.copyOf(learners);
        mostMissed = List.copyOf(mostMissed);
        Objects.requireNonNull(blocking, "blocking");
    }

    /** One learner: knowledge checks right per chapter, each requirement with when it first passed, each badge. */
    public record LearnerRow(String learner, List<ChapterRight> chapters, List<RequirementPass> requirements,
                             List<BadgeState> badges) {
        public LearnerRow {
            Objects.requireNonNull(learner, "learner");
            chapters = List.copyOf(chapters);
            requirements = List.copyOf(requirements);
            badges = List.copyOf(badges);
        }
    }

    /** A chapter's knowledge check: questions answered right out of all. */
    public record ChapterRight(String chapter, String title, int right, int total) {
    }

    /** A challenge requirement, and when it first passed (epoch millis), null while it has not. */
    public record RequirementPass(String challenge, String requirement, String text, Long passedAtMs) {
    }

    /** A badge and whether it is earned. */
    public record BadgeState(String id, String title, boolean earned) {
    }

    /**
     * A question learners got wrong: how many of those who answered it stand on a wrong answer now (the store keeps
     * each learner's last answer), and the explanation of the wrong option most of them picked, as they read it.
     */
    public record Missed(String chapter, String question, String prompt, int wrong, int answered, String explanation) {
    }

    /** The requirement most learners have not passed, how many, and the hint learners see when its check fails. */
    public record Blocking(String challenge, String requirement, String text, int notPassed, int learners, String hint) {
    }

    /**
     * @param hintSeen the hint the requirement's check last gave a learner ("challenge/requirement" → hint), if any;
     *                 without one the board shows the requirement's first hint by name, as the check would give it
     */
    public static ClassBoard of(Quest quest, List<Progress> everyone, Function<String, Optional<String>> hintSeen) {
        List<Progress> sorted = everyone.stream().sorted(Comparator.comparing(Progress::learner)).toList();
        List<LearnerRow> rows = sorted.stream().map(p -> row(quest, p)).toList();
        return new ClassBoard(rows, mostMissed(quest, sorted), blocking(quest, sorted, hintSeen));
    }

    private static LearnerRow row(Quest quest, Progress progress) {
        Standing standing = Standing.of(quest, progress);
        List<ChapterRight> chapters = standing.chapters().stream()
                .map(c -> new ChapterRight(c.id(), c.title(), c.knowledgeRight(), c.knowledgeTotal())).toList();
        List<RequirementPass> requirements = new ArrayList<>();
        for (Challenge challenge : quest.challenges()) {
            for (Requirement r : challenge.requirements()) {
                requirements.add(new RequirementPass(challenge.id(), r.id(), r.text(),
                        progress.passed().get(challenge.id() + "/" + r.id())));
            }
        }
        List<BadgeState> badges = standing.badges().stream().map(b -> new BadgeState(b.id(), b.title(), b.earned())).toList();
        return new LearnerRow(progress.learner(), chapters, requirements, badges);
    }

    private static List<Missed> mostMissed(Quest quest, List<Progress> everyone) {
        List<Missed> missed = new ArrayList<>();
        for (Chapter chapter : quest.chapters()) {
            for (Question question : chapter.questions()) {
                int answered = 0;
                Map<Integer, Integer> wrongPicks = new HashMap<>();
                for (Progress p : everyone) {
                    Progress.Answer a = p.answers().get(chapter.id() + "/" + question.id());
                    if (a != null) {
                        answered++;
                        if (!a.correct()) {
                            wrongPicks.merge(a.option(), 1, Integer::sum);
                        }
                    }
                }
                int wrong = wrongPicks.values().stream().mapToInt(Integer::intValue).sum();
                if (wrong > 0) {
                    // the most picked wrong option; on a tie the first, so the board does not flicker between them
                    int option = wrongPicks.entrySet().stream()
                            .max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                                    .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                            .orElseThrow().getKey();
                    String explanation = option < question.options().size()
                            ? question.options().get(option).explanation() : "";
                    missed.add(new Missed(chapter.id(), question.id(), question.prompt(), wrong, answered, explanation));
                }
            }
        }
        // stable: most wrong first, then in the quest's order
        List<Missed> ranked = new ArrayList<>(missed);
        ranked.sort(Comparator.comparingInt(Missed::wrong).reversed());
        return ranked.subList(0, Math.min(MISSED_SHOWN, ranked.size()));
    }

    private static Optional<Blocking> blocking(Quest quest, List<Progress> everyone,
                                               Function<String, Optional<String>> hintSeen) {
        Blocking worst = null;
        for (Challenge challenge : quest.challenges()) {
            for (Requirement r : challenge.requirements()) {
                int notPassed = (int) everyone.stream().filter(p -> !p.hasPassed(challenge.id(), r.id())).count();
                if (notPassed > 0 && (worst == null || notPassed > worst.notPassed())) {
                    String hint = hintSeen.apply(challenge.id() + "/" + r.id())
                            .or(() -> r.hints().entrySet().stream().min(Map.Entry.comparingByKey()).map(Map.Entry::getValue))
                            .orElse("");
                    worst = new Blocking(challenge.id(), r.id(), r.text(), notPassed, everyone.size(), hint);
                }
            }
        }
        return Optional.ofNullable(worst);
    }
}
