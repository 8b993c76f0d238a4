package dev.streamlab.lab.progress;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one learner has done: the last answer to each question (by "chapter/question"), each challenge requirement
 * they have passed with when it first passed (epoch millis) (by "challenge/requirement"; a requirement once passed stays passed),
 * and the checklist items they ticked themselves. {@code unreadableKeptAs}, when not null, names where an earlier
 * progress file that could not be read was kept: it stays, through every change, until the learner dismisses it.
 */
public record Progress(String learner, Map<String, Answer> answers, Map<String, Long> passed, Set<String> marks,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String unreadableKeptAs) {
    public Progress {
        Objects.requireNonNull(learner, "learner");
        answers = answers == null ? Map.of() : Map.copyOf(answers);
        passed = passed == null ? Map.of() : Map.copyOf(passed);
        marks = marks == null ? Set.of() : Set.copyOf(marks);
    }

    public Progress(String learner, Map<String, Answer> answers, Map<String, Long> passed, Set<String> marks) {
        this(learner, answers, passed, marks, null);
    }

    public static Progress empty(LearnerName learner) {
        return new Progress(learner.value(), Map.of(), Map.of(), Set.of());
    }

    /** The notice for the learner, while an unreadable file of theirs is not dismissed. */
    public Optional<ProgressNotice> notice() {
        return Optional.ofNullable(unreadableKeptAs).map(ProgressNotice::keptAs);
    }

    public Progress withUnreadableKeptAs(String file) {
        return new Progress(learner, answers, passed, marks, file);
    }

    /** An answer: the option picked (from 0), whether it was right, when (epoch millis). */
    public record Answer(int option, boolean correct, long atMs) {
    }

    public Progress withAnswer(String chapter, String question, Answer answer) {
        Map<String, Answer> next = new LinkedHashMap<>(answers);
        next.put(chapter + "/" + question, answer);
        return new Progress(learner, next, passed, marks, unreadableKeptAs);
    }

    public Progress withPassed(String challenge, String requirement, Instant at) {
        if (passed.containsKey(challenge + "/" + requirement)) {
            return this;
        }
        Map<String, Long> next = new LinkedHashMap<>(passed);
        next.put(challenge + "/" + requirement, at.toEpochMilli());
        return new Progress(learner, answers, next, marks, unreadableKeptAs);
    }

    public Progress withMark(String mark, boolean on) {
        Set<String> next = new TreeSet<>(marks);
        if (on) {
            next.add(mark);
        } else {
            next.remove(mark);
        }
        return new Progress(learner, answers, passed, next, unreadableKeptAs);
    }

    public boolean answeredRight(String chapter, String question) {
        Answer a = answers.get(chapter + "/" + question);
        return a != null && a.correct();
    }

    public boolean hasPassed(String challenge, String requirement) {
        return passed.containsKey(challenge + "/" + requirement);
    }
}
