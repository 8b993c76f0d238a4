package dev.streamlab.lab.progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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
    void anUnreadableFileIsNamedToTheLearnerWithWhereItWasKept(@TempDir Path folder) throws IOException {
        ProgressStore store = new ProgressStore(folder);
        Path file = savedFileOf(store, folder, ADA);
        Files.writeString(file, "{ not json");

        Progress fresh = store.load(ADA);

        Path kept = file.resolveSibling(file.getFileName() + ".broken");
        assertEquals("{ not json", Files.readString(kept), "the learner's bytes are kept as they were");
        ProgressNotice notice = fresh.notice().orElseThrow();
        assertEquals(kept.toString(), notice.keptAs());
        assertEquals("Your saved progress could not be read; it was kept as " + kept + " and you start afresh.",
                notice.text());
        assertEquals(notice, Standing.of(dev.streamlab.lab.QuestLoader.load(), fresh).notice());
    }

    @Test
    void theNoticeStaysThroughSavesAndRestartsUntilTheLearnerDismissesItAndThenIsGone(@TempDir Path folder)
            throws IOException {
        ProgressStore store = new ProgressStore(folder);
        Files.writeString(savedFileOf(store, folder, ADA), "\0\1binary");
        store.load(ADA);
        store.update(ADA, p -> p.withMark("next-quest", true));

        ProgressStore restarted = new ProgressStore(folder);
        assertTrue(restarted.load(ADA).notice().isPresent(), "a save elsewhere (a Check my work) is not having read it");

        Progress dismissed = restarted.dismissNotice(ADA);

        assertTrue(dismissed.notice().isEmpty());
        assertTrue(new ProgressStore(folder).load(ADA).notice().isEmpty());
        assertTrue(new ProgressStore(folder).load(ADA).marks().contains("next-quest"), "dismissing keeps the progress");
    }

    @Test
    void aSecondBrokenFileIsKeptBesideTheFirstNotOverIt(@TempDir Path folder) throws IOException {
        ProgressStore store = new ProgressStore(folder);
        Path file = savedFileOf(store, folder, ADA);
        Files.writeString(file, "first");
        store.load(ADA);
        Files.writeString(file, "second");

        ProgressNotice notice = store.load(ADA).notice().orElseThrow();

        assertEquals("first", Files.readString(file.resolveSibling(file.getFileName() + ".broken")));
        assertEquals(file.resolveSibling(file.getFileName() + ".broken-2").toString(), notice.keptAs());
        assertEquals("second", Files.readString(Path.of(notice.keptAs())));
    }

    @Test
    void theConsoleSaysItInOneWarningOnlyOnce(@TempDir Path folder) throws IOException {
        ProgressStore store = new ProgressStore(folder);
        Path file = savedFileOf(store, folder, ADA);
        Files.writeString(file, "{ not json");
        PrintStream console = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            store.load(ADA);
            store.load(ADA);
            store.update(ADA, p -> p.withMark("next-quest", true));
        } finally {
            System.setErr(console);
        }

        List<String> warnings = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("WARN")).toList();
        assertEquals(1, warnings.size(), captured.toString(StandardCharsets.UTF_8));
        assertTrue(warnings.get(0).contains("it was kept as " + file + ".broken and Ada starts afresh"), warnings.get(0));
    }

    /** The learner's progress file, saved once so that it exists. */
    private static Path savedFileOf(ProgressStore store, Path folder, LearnerName learner) {
        store.update(learner, p -> p.withMark("next-quest", true));
        Path file = folder.resolve(learner.fileName());
        assertTrue(Files.isRegularFile(file), file + " was saved");
        return file;
    }

    @Test
    void aNameIsLettersDigitsAndAFewMarksOfAtMostFortyCharacters() {
        assertThrows(IllegalArgumentException.class, () -> new LearnerName("  "));
        assertThrows(IllegalArgumentException.class, () -> new LearnerName("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> new LearnerName("x".repeat(41)));
        assertEquals("Zoë Ng", new LearnerName("  Zoë Ng ").value());
    }
}
