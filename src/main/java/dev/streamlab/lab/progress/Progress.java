package dev.streamlab.lab.progress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one learner has done: the last answer to each question (by "chapter/question"), each challenge requirement
 * they have passed with when it first passed (epoch millis) (by "challenge/requirement"; a requirement once passed stays passed),
 * and the checklist items they ticked themselves.
 */
public record Progress(String learner, Map<String, Answer> answers, Map<String, Long> passed, Set<String> marks) {
    public Progress {
        Objects.requireNonNull(learner, "learner");
        answers = Map.copyOf(answers);
        passed = Map.copyOf(passed);
        marks = Set.copyOf(marks);
    }

    public static Progress empty(LearnerName learner) {
        return new Progress(learner.value(), Map.of(), Map.of(), Set.of());
    }

    /** An answer: the option picked (from 0), whether it was right, when (epoch millis). */
    public record Answer(int option, boolean correct, long atMs) {
    }

    public Progress withAnswer(String chapter, String question, Answer answer) {
        Map<String, Answer> next = new LinkedHashMap<>(answers);
        next.put(chapter + "/" + question, answer);
        return new Progress(learner, next, passed, marks);
    }

    public Progress withPassed(String challenge, String requirement, Instant at) {
        if (passed.containsKey(challenge + "/" + requirement)) {
            return this;
        }
        Map<String, Long> next = new LinkedHashMap<>(passed);
        next.put(challenge + "/" + requirement, at.toEpochMilli());
        return new Progress(learner, answers, next, marks);
    }

    public Progress withMark(String mark, boolean on) {
        Set<String> next = new TreeSet<>(marks);
        if (on) {
            next.add(mark);
        } else {
            next.remove(mark);
        }
        return new Progress(learner, answers, passed, next);
    }

    public boolean answeredRight(String chapter, String question) {
        Answer a = answers.get(chapter + "/" + question);
        return a != null && a.correct();
    }

    public boolean hasPassed(String challenge, String requirement) {
        return passed.containsKey(challenge + "/" + requirement);
    }
}
