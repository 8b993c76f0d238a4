package dev.streamlab.lab;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** labs/quest.json is data; a broken file fails here, not in front of a learner. */
class QuestLoaderTest {

    @Test
    void theQuestHasFourChaptersInOrderAndThreeChallengesFromNoviceToAdvanced() {
        Quest quest = QuestLoader.load();

        assertEquals(List.of(1, 2, 3, 4), quest.chapters().stream().map(Chapter::number).toList());
        assertEquals(List.of("novice", "intermediate", "advanced"), quest.challenges().stream().map(Challenge::id).toList());
    }

    @Test
    void everyPageOfTheQuestHasItsOwnPath() {
        Quest quest = QuestLoader.load();
        List<String> paths = Stream.concat(quest.chapters().stream().map(Chapter::path),
                quest.challenges().stream().map(Challenge::path)).toList();

        assertEquals(paths.size(), new HashSet<>(paths).size(), "duplicate paths in " + paths);
        assertTrue(Set.copyOf(paths).containsAll(Set.of("/kafka", "/time", "/guarantees", "/challenges/novice")));
    }

    @Test
    void aChapterWithAPathThatIsNotAPagePathIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Chapter(1, "x", "X", "about x", "javascript:alert(1)", List.of(), "", List.of(), List.of()));

        assertTrue(e.getMessage().contains("a page path looks like /kafka"), e.getMessage());
    }

    @Test
    void aMissingQuestFileSaysWhereItShouldBe() {
        LabContentException e = assertThrows(LabContentException.class,
                () -> QuestLoader.load(java.nio.file.Path.of("no-such-labs-folder")));

        assertEquals("labs/quest.json: the file is missing", e.getMessage());
    }
}
