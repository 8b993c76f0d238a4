package dev.streamlab.lab.progress;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Milestone;
import dev.streamlab.lab.Question;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.QuickWin;
import dev.streamlab.lab.Requirement;

import java.util.List;

/**
 * Where a learner stands in the quest: each chapter's questions answered right and quick wins earned, each
 * challenge's requirements passed, and which checklist items and badges that earns. A milestone is earned when every
 * one of its parts is done. {@code notice} is null unless the learner's saved progress could not be read and they
 * have not dismissed the notice that says so.
 */
public record Standing(String learner, List<ChapterStatus> chapters, List<ChallengeStatus> challenges,
                       List<MilestoneStatus> checklist, List<MilestoneStatus> badges, ProgressNotice notice) {
    public Standing {
        chapters = List.copyOf(chapters);
        challenges = List.copyOf(challenges);
        checklist = List.copyOf(checklist);
        badges = List.copyOf(badges);
    }

    /** A chapter's questions answered right out of all, by kind, and the ids of the quick wins earned. */
    public record ChapterStatus(String id, String title, String path, int knowledgeRight, int knowledgeTotal,
                                int decisionsRight, int decisionsTotal, List<String> quickWins) {
        public ChapterStatus {
            quickWins = List.copyOf(quickWins);
        }
    }

    /** A challenge's requirements passed out of all, and their ids. */
    public record ChallengeStatus(String id, String title, String path, int passedCount, int total, List<String> passed) {
        public ChallengeStatus {
            passed = List.copyOf(passed);
        }

        public boolean complete() {
            return passedCount == total;
        }
    }

    /** A checklist item or badge, whether it is earned, and the state of each of its parts. */
    public record MilestoneStatus(String id, String icon, String title, String text, boolean earned, List<Part> parts) {
        public MilestoneStatus {
            parts = List.copyOf(parts);
        }
    }

    /** One requirement of a milestone as a learner reads it, e.g. "Chapter 2 knowledge check: 2 of 3 right". */
    public record Part(String requirement, String label, boolean done) {
    }

    public static Standing of(Quest quest, Progress progress) {
        List<ChapterStatus> chapters = quest.chapters().stream().map(c -> chapter(c, progress)).toList();
        List<ChallengeStatus> challenges = quest.challenges().stream().map(c -> challenge(c, progress)).toList();
        return new Standing(progress.learner(), chapters, challenges,
                quest.checklist().stream().map(m -> milestone(quest, m, progress)).toList(),
                quest.badges().stream().map(m -> milestone(quest, m, progress)).toList(), progress.notice().orElse(null));
    }

    private static ChapterStatus chapter(Chapter chapter, Progress progress) {
        List<Question> knowledge = chapter.questions(Question.Kind.KNOWLEDGE);
        List<Question> decisions = chapter.questions(Question.Kind.DECISION);
        return new ChapterStatus(chapter.id(), chapter.title(), chapter.path(), right(chapter, knowledge, progress),
                knowledge.size(), right(chapter, decisions, progress), decisions.size(),
                chapter.quickWins().stream().filter(w -> earned(chapter, w, progress)).map(QuickWin::id).toList());
    }

    /** Whether every question the quick win names is answered right. */
    public static boolean earned(Chapter chapter, QuickWin win, Progress progress) {
        return win.questions().stream().allMatch(q -> progress.answeredRight(chapter.id(), q));
    }

    private static int right(Chapter chapter, List<Question> questions, Progress progress) {
        return (int) questions.stream().filter(q -> progress.answeredRight(chapter.id(), q.id())).count();
    }

    private static ChallengeStatus challenge(Challenge challenge, Progress progress) {
        List<String> passed = challenge.requirements().stream().map(Requirement::id)
                .filter(r -> progress.hasPassed(challenge.id(), r)).toList();
        return new ChallengeStatus(challenge.id(), challenge.level() + ": " + challenge.title(), challenge.path(),
                passed.size(), challenge.requirements().size(), passed);
    }

    private static MilestoneStatus milestone(Quest quest, Milestone milestone, Progress progress) {
        List<Part> parts = milestone.requires().stream().map(r -> part(quest, r, progress)).toList();
        return new MilestoneStatus(milestone.id(), milestone.icon(), milestone.title(), milestone.text(),
                parts.stream().allMatch(Part::done), parts);
    }

    private static Part part(Quest quest, String requirement, Progress progress) {
        String kind = requirement.substring(0, requirement.indexOf(':'));
        String target = requirement.substring(requirement.indexOf(':') + 1);
        switch (kind) {
            case "quiz", "decisions" -> {
                Chapter chapter = quest.chapter(target).orElseThrow();
                List<Question> questions = chapter.questions(kind.equals("quiz") ? Question.Kind.KNOWLEDGE
                        : Question.Kind.DECISION);
                int right = right(chapter, questions, progress);
                String what = kind.equals("quiz") ? "knowledge check" : "decision exercise";
                return new Part(requirement, "Chapter " + chapter.number() + " " + what + ": " + right + " of "
                        + questions.size() + " right", right == questions.size());
            }
            case "challenge" -> {
                ChallengeStatus status = challenge(quest.challenge(target).orElseThrow(), progress);
                return new Part(requirement, status.title() + ": " + status.passedCount() + " of " + status.total()
                        + " requirements passed", status.complete());
            }
            case "check" -> {
                String challengeId = target.substring(0, target.indexOf('/'));
                Challenge challenge = quest.challenge(challengeId).orElseThrow();
                Requirement r = challenge.requirement(target.substring(target.indexOf('/') + 1)).orElseThrow();
                return new Part(requirement, challenge.level() + " challenge: " + r.text(),
                        progress.hasPassed(challengeId, r.id()));
            }
            default -> {
                return new Part(requirement, "Ticked by you", progress.marks().contains(target));
            }
        }
    }
}
