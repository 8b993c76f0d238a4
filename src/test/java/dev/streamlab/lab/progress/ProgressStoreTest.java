package dev.streamlab.lab.progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learners' progress kept in the data folder: it survives a restart and each name has its own. */
class ProgressStoreTest {
    private static final LearnerName ADA = new LearnerName("Ada");
    private static final LearnerName GRACE = new LearnerName("Grace Hopper");

    @Test
    void progressSurvivesTheLabRestarting(@TempDir Path folder) {
        new ProgressStore(folder).update(ADA, p -> p.withAnswer("kafka", "ordering", new Progress.Answer(2, true, 1L))
                .withPassed("novice", "partitions", Instant.ofEpochMilli(5)).withMark("next-quest", true));

        Progress reloaded = new ProgressStore(folder).load(ADA);

        assertTrue(reloaded.answeredRight("kafka", "ordering"));
        assertEquals(5L, reloaded.passed().get("novice/partitions"));
        assertTrue(reloaded.marks().contains("next-quest"));
    }

    @Test
    void eachLearnerHasTheirOwnProgressEvenWhenNamesOnlyDifferInCase(@TempDir Path folder) {
        ProgressStore store = new ProgressStore(folder);
        store.update(ADA, p -> p.withPassed("novice", "keys", Instant.EPOCH));

        assertTrue(store.load(ADA).hasPassed("novice", "keys"));
        assertFalse(store.load(GRACE).hasPassed("novice", "keys"));
        assertFalse(store.load(new LearnerName("ada")).hasPassed("novice", "keys"));
    }

    @Test
    void aRequirementOncePassedKeepsTheTimeItFirstPassed(@TempDir Path folder) {
        ProgressStore store = new ProgressStore(folder);
        store.update(ADA, p -> p.withPassed("novice", "keys", Instant.ofEpochMilli(10)));
        store.update(ADA, p -> p.withPassed("novice", "keys", Instant.ofEpochMilli(99)));

        assertEquals(10L, store.load(ADA).passed().get("novice/keys"));
    }

    @Test
    void resettingForgetsOneLearnerAndNoOneElse(@TempDir Path folder) {
        ProgressStore store = new ProgressStore(folder);
        store.update(ADA, p -> p.withMark("next-quest", true));
        store.update(GRACE, p -> p.withMark("next-quest", true));

        store.reset(ADA);

        assertTrue(store.load(ADA).marks().isEmpty());
        assertTrue(store.load(GRACE).marks().contains("next-quest"));
    }

    @Test
    void anUnreadableProgressFileIsSetAsideNotSilentlyOverwritten(@TempDir Path folder) throws IOException {
        ProgressStore store = new ProgressStore(folder);
        store.update(ADA, p -> p.withMark("next-quest", true));
        Path file;
        try (var files = Files.list(folder)) {
            file = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Files.writeString(file, "{ not json");

        assertTrue(store.load(ADA).marks().isEmpty());
        assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".broken")));
    }

    @Test
    void aNameIsLettersDigitsAndAFewMarksOfAtMostFortyCharacters() {
        assertThrows(IllegalArgumentException.class, () -> new LearnerName("  "));
        assertThrows(IllegalArgumentException.class, () -> new LearnerName("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> new LearnerName("x".repeat(41)));
        assertEquals("Zoë Ng", new LearnerName("  Zoë Ng ").value());
    }
}
