package dev.streamlab.lab;

import dev.streamlab.lab.progress.LearnerName;
import dev.streamlab.lab.progress.Progress;
import dev.streamlab.lab.progress.ProgressStore;
import dev.streamlab.lab.progress.Standing;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Catalog;
import dev.streamlab.lab.validate.CheckResult;
import dev.streamlab.lab.validate.PageActionHandler;
import dev.streamlab.lab.validate.Params;
import dev.streamlab.lab.validate.Report;
import dev.streamlab.lab.validate.Validator;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a learner does with the quest, for the web pages and the command line alike: answer a question, check a
 * challenge on the broker, press a challenge's helper button, see and reset their progress. Unknown chapters,
 * questions or challenges are {@link NoSuchElementException}s; bad answers {@link IllegalArgumentException}s; both
 * say what exists.
 */
public final class QuestService {
    private final Quest quest;
    private final Function<BrokerFacts, Catalog> catalog;
    private final BrokerFacts facts;
    private final ProgressStore progress;
    private final Clock clock;
    /**
     * The hint each requirement's check last gave anyone ("challenge/requirement" → hint), so the instructor's board
     * shows the words learners actually read. Bounded by the quest's requirements; lost on restart, which is fine.
     */
    private final Map<String, String> hintsSeen = new ConcurrentHashMap<>();

    /**
     * @param catalog builds the checks and actions over the facts they may use; each "Check my work" gets its own,
     *                over facts that read the broker once per question (see {@link BrokerFacts#memoized()})
     */
    public QuestService(Quest quest, Function<BrokerFacts, Catalog> catalog, BrokerFacts facts, ProgressStore progress,
                        Clock clock) {
        this.quest = Objects.requireNonNull(quest, "quest");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Quest quest() {
        return quest;
    }

    /** The feedback on an answer: right or not, the picked option's explanation, the chapter's quick wins earned. */
    public record Feedback(String question, int option, boolean correct, String explanation, List<String> quickWins) {
        public Feedback {
            quickWins = List.copyOf(quickWins);
        }
    }

    public Feedback answer(LearnerName learner, String chapterId, String questionId, int option) {
        Chapter chapter = chapter(chapterId);
        Question question = chapter.question(questionId).orElseThrow(() -> new NoSuchElementException(
                "chapter " + chapterId + " has no question " + questionId));
        AnswerOption picked = question.option(option);
        Progress next = progress.update(learner, p -> p.withAnswer(chapterId, questionId,
                new Progress.Answer(option, picked.correct(), clock.millis())));
        List<String> wins = chapter.quickWins().stream().filter(w -> Standing.earned(chapter, w, next))
                .map(QuickWin::id).toList();
        return new Feedback(questionId, option, picked.correct(), picked.explanation(), wins);
    }

    /** Checks the learner's work on the broker and remembers each requirement that passed. */
    public Report check(LearnerName learner, String challengeId, Submission submission) {
        Challenge challenge = challenge(challengeId);
        Report report = new Validator(catalog.apply(facts.memoized()), clock).validate(challenge, submission);
        for (CheckResult r : report.results()) {
            if (!r.passed() && r.hint() != null && challenge.requirement(r.requirement()).isPresent()) {
                hintsSeen.put(challengeId + "/" + r.requirement(), r.hint());
            }
        }
        if (learner != null && report.results().stream().anyMatch(CheckResult::passed)) {
            progress.update(learner, p -> {
                Progress next = p;
                for (CheckResult r : report.results()) {
                    if (r.passed()) {
                        next = next.withPassed(challengeId, r.requirement(), report.checkedAt());
                    }
                }
                return next;
            });
        }
        return report;
    }

    public PageActionHandler.Outcome act(String challengeId, String actionId, Submission submission) {
        Challenge challenge = challenge(challengeId);
        PageAction action = challenge.action(actionId).orElseThrow(() -> new NoSuchElementException(
                "challenge " + challengeId + " has no action " + actionId));
        PageActionHandler handler = catalog.apply(facts).action(action.action()).orElseThrow(() -> new IllegalStateException(
                "action " + action.action() + " is not available in this lab"));
        return handler.run(submission.orElse(challenge.defaults()), new Params(action.params()));
    }

    public Progress progress(LearnerName learner) {
        return progress.load(learner);
    }

    public Standing standing(LearnerName learner) {
        return Standing.of(quest, progress.load(learner));
    }

    /** The class at a glance: every learner's saved progress, the most-missed questions and the blocking requirement;
     * {@code alsoPresent}: learners the lab saw who have saved nothing yet. */
    public ClassBoard board(java.util.Collection<LearnerName> alsoPresent) {
        // a learner who has only looked around has no file yet, and is still in the class
        Map<String, Progress> everyone = new java.util.LinkedHashMap<>();
        for (Progress p : progress.all()) {
            everyone.put(p.learner(), p);
        }
        for (LearnerName name : alsoPresent) {
            everyone.putIfAbsent(name.value(), Progress.empty(name));
        }
        return ClassBoard.of(quest, List.copyOf(everyone.values()), key -> Optional.ofNullable(hintsSeen.get(key)));
    }

    /** Ticks or unticks a checklist item that the learner confirms themselves ({@code self:<id>}). */
    public Standing mark(LearnerName learner, String mark, boolean on) {
        boolean known = quest.checklist().stream().flatMap(m -> m.requires().stream())
                .anyMatch(r -> r.equals("self:" + mark));
        if (!known) {
            throw new NoSuchElementException("no checklist item is ticked by hand as " + mark);
        }
        return Standing.of(quest, progress.update(learner, p -> p.withMark(mark, on)));
    }

    /** The learner has read that their saved progress could not be read; the home page stops saying so. */
    public Standing dismissNotice(LearnerName learner) {
        return Standing.of(quest, progress.dismissNotice(learner));
    }

    public Standing reset(LearnerName learner) {
        progress.reset(learner);
        return standing(learner);
    }

    private Chapter chapter(String id) {
        return quest.chapter(id).orElseThrow(() -> new NoSuchElementException("no chapter " + id + "; chapters are "
                + quest.chapters().stream().map(Chapter::id).toList()));
    }

    private Challenge challenge(String id) {
        return quest.challenge(id).orElseThrow(() -> new NoSuchElementException("no challenge " + id
                + "; challenges are " + quest.challenges().stream().map(Challenge::id).toList()));
    }
}
