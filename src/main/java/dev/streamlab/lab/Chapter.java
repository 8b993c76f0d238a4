package dev.streamlab.lab;

import java.util.List;
import java.util.Objects;

/**
 * One chapter of the quest, numbered from 1, read from {@code labs/<id>/chapter.json}: its lab page (a path starting
 * with "/"), its reading (Markdown), its objectives and its questions (knowledge checks and decision exercises).
 */
public record Chapter(int number, String id, String title, String summary, String path, List<String> objectives,
                      String markdown, List<Question> questions, List<QuickWin> quickWins) {
    public Chapter {
        if (number < 1) {
            throw new IllegalArgumentException("chapter numbers start at 1, got " + number);
        }
        LabPaths.requireId(id);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        LabPaths.requirePagePath(path);
        objectives = List.copyOf(objectives);
        Objects.requireNonNull(markdown, "markdown");
        questions = List.copyOf(questions);
        quickWins = List.copyOf(quickWins);
        LabPaths.requireUnique(questions.stream().map(Question::id).toList(), "question ids in chapter " + id);
        for (QuickWin win : quickWins) {
            for (String q : win.questions()) {
                if (questions.stream().noneMatch(question -> question.id().equals(q))) {
                    throw new IllegalArgumentException("quick win " + win.id() + " of chapter " + id
                            + " names question " + q + ", which the chapter does not have");
                }
            }
        }
    }

    /** The question with this id, if the chapter has it. */
    public java.util.Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** The questions of one kind, in order. */
    public List<Question> questions(Question.Kind kind) {
        return questions.stream().filter(q -> q.kind() == kind).toList();
    }
}
