package dev.streamlab.lab.progress;

import dev.streamlab.lab.Chapter;
import dev.streamlab.lab.Question;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.QuestLoader;
import dev.streamlab.lab.Requirement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checklist and badges follow from what a learner answered and passed. */
class StandingTest {
    private static final Quest QUEST = QuestLoader.load(Path.of("labs"));
    private static final LearnerName ADA = new LearnerName("Ada");

    private static Progress allRight(Progress progress, String chapterId) {
        Chapter chapter = QUEST.chapter(chapterId).orElseThrow();
        for (Question q : chapter.questions()) {
            int right = 0;
            while (!q.options().get(right).correct()) {
                right++;
            }
            progress = progress.withAnswer(chapterId, q.id(), new Progress.Answer(right, true, 0));
        }
        return progress;
    }

    private static Progress passed(Progress progress, String challengeId) {
        for (Requirement r : QUEST.challenge(challengeId).orElseThrow().requirements()) {
            progress = progress.withPassed(challengeId, r.id(), Instant.EPOCH);
        }
        return progress;
    }

    private static Standing.MilestoneStatus badge(Standing standing, String id) {
        return standing.badges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aNewcomerHasEarnedNothingAndSeesWhatEachItemNeeds() {
        Standing standing = Standing.of(QUEST, Progress.empty(ADA));

        assertTrue(standing.checklist().stream().noneMatch(Standing.MilestoneStatus::earned));
        assertTrue(standing.badges().stream().noneMatch(Standing.MilestoneStatus::earned));
        assertEquals("Novice: Produce and consume: 0 of 4 requirements passed",
                badge(standing, "rider-of-the-stream").parts().get(0).label());
    }

    @Test
    void theRiderOfTheStreamComesWithTheNoviceChallengeAndTheFirstTwoChaptersChecks() {
        Progress progress = passed(Progress.empty(ADA), "novice");
        assertFalse(badge(Standing.of(QUEST, progress), "rider-of-the-stream").earned(), "the quizzes are still open");

        progress = allRight(allRight(progress, "batch-vs-stream"), "kafka");

        assertTrue(badge(Standing.of(QUEST, progress), "rider-of-the-stream").earned());
        assertFalse(badge(Standing.of(QUEST, progress), "keeper-of-event-time").earned());
    }

    @Test
    void theKeeperOfEventTimeComesWithTheIntermediateChallengeAndTheTimeChapter() {
        Progress progress = allRight(passed(Progress.empty(ADA), "intermediate"), "time");

        Standing standing = Standing.of(QUEST, progress);

        assertTrue(badge(standing, "keeper-of-event-time").earned());
        assertTrue(standing.checklist().stream().filter(m -> m.id().equals("late-event")).findFirst().orElseThrow()
                .earned());
    }

    @Test
    void aWrongLastAnswerUndoesAQuickWin() {
        Chapter chapter = QUEST.chapter("batch-vs-stream").orElseThrow();
        Progress progress = allRight(Progress.empty(ADA), "batch-vs-stream");
        String decision = chapter.questions(Question.Kind.DECISION).get(0).id();
        assertTrue(Standing.of(QUEST, progress).chapters().get(0).quickWins().contains("chose-a-model"));

        progress = progress.withAnswer("batch-vs-stream", decision, new Progress.Answer(9, false, 1));

        assertFalse(Standing.of(QUEST, progress).chapters().get(0).quickWins().contains("chose-a-model"));
    }
}
