package dev.streamlab.lab;

import dev.streamlab.lab.progress.Progress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The class at a glance, computed from learners' saved progress alone. */
class ClassBoardTest {
    private static final Quest QUEST = QuestLoader.load();
    private static final Chapter CHAPTER = QUEST.chapters().get(0);
    private static final Question QUESTION = CHAPTER.questions().get(0);
    private static final Challenge NOVICE = QUEST.challenge("novice").orElseThrow();

    private static int wrongOption() {
        return QUESTION.options().get(0).correct() ? 1 : 0;
    }

    private static Progress answered(String learner, boolean right) {
        int option = wrongOption();
        if (right) {
            option = QUESTION.options().indexOf(QUESTION.options().stream().filter(AnswerOption::correct).findFirst().orElseThrow());
        }
        return new Progress(learner, Map.of(), Map.of(), Set.of())
                .withAnswer(CHAPTER.id(), QUESTION.id(), new Progress.Answer(option, right, 1_000));
    }

    @Test
    void theMostMissedQuestionCountsLearnersOnAWrongAnswerWithTheExplanationTheyRead() {
        ClassBoard board = ClassBoard.of(QUEST, List.of(answered("Ada", false), answered("Bob", false),
                answered("Cy", true)), key -> Optional.empty());

        ClassBoard.Missed missed = board.mostMissed().get(0);
        assertEquals(QUESTION.id(), missed.question());
        assertEquals(2, missed.wrong());
        assertEquals(3, missed.answered());
        assertEquals(QUESTION.options().get(wrongOption()).explanation(), missed.explanation());
    }

    @Test
    void eachRowHasEveryRequirementWithWhenItPassedAndTheBlockerIsTheOneMostHaveNotPassed() {
        Instant at = Instant.parse("2026-12-08T00:10:00Z");
        Progress ada = Progress.empty(new dev.streamlab.lab.progress.LearnerName("Ada"))
                .withPassed("novice", "partitions", at);
        Progress bob = Progress.empty(new dev.streamlab.lab.progress.LearnerName("Bob"))
                .withPassed("novice", "partitions", at);

        ClassBoard board = ClassBoard.of(QUEST, List.of(bob, ada), key -> key.equals("novice/keys")
                ? Optional.of("the hint Bob saw") : Optional.empty());

        assertEquals(List.of("Ada", "Bob"), board.learners().stream().map(ClassBoard.LearnerRow::learner).toList());
        ClassBoard.RequirementPass partitions = board.learners().get(0).requirements().get(0);
        assertEquals("partitions", partitions.requirement());
        assertEquals(at.toEpochMilli(), partitions.passedAtMs());
        assertNull(board.learners().get(0).requirements().get(1).passedAtMs());
        ClassBoard.Blocking blocking = board.blocking().orElseThrow();
        assertEquals(NOVICE.requirements().get(1).id(), blocking.requirement(), "the first requirement nobody passed");
        assertEquals(2, blocking.notPassed());
        assertEquals("the hint Bob saw", blocking.hint());
    }
}
