package dev.streamlab.lab;

import dev.streamlab.kafka.KafkaClients;
import dev.streamlab.lab.validate.BrokerFacts;
import dev.streamlab.lab.validate.Catalog;
import dev.streamlab.lab.validate.KafkaFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every content folder in labs/ loads, is listed in quest.json, and has a check for every requirement; broken content is named. */
class LabFoldersTest {
    private static final Path LABS = Path.of("labs");

    @Test
    void everyChapterAndChallengeFolderLoadsAndIsInTheQuest() throws IOException {
        Quest quest = QuestLoader.load(LABS);
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> children = Files.list(LABS)) {
            children.filter(d -> Files.exists(d.resolve("chapter.json")) || Files.exists(d.resolve("challenge.json")))
                    .forEach(d -> folders.add(d.getFileName().toString()));
        }
        Set<String> listed = new TreeSet<>();
        quest.chapters().forEach(c -> listed.add(c.id()));
        quest.challenges().forEach(c -> listed.add(c.id()));

        assertEquals(folders, listed, "folders with chapter.json or challenge.json, and quest.json's lists");
    }

    @Test
    void theClasspathCopyIsTheSameQuest() {
        assertEquals(QuestLoader.load(LABS), QuestLoader.load());
    }

    @Test
    void everyRequirementNamesACheckThatExistsAndHasAHintForEachWayItFails() {
        // Catalog.problems only reads the checks' declarations; no broker is contacted.
        KafkaClients clients = new KafkaClients("127.0.0.1:1", Map.of());
        KafkaFacts facts = new KafkaFacts(clients, null);
        Catalog catalog = Catalog.standard(new BrokerFacts(facts, facts, facts, clients, Clock.systemUTC()));

        assertEquals(List.of(), catalog.problems(QuestLoader.load(LABS)));
    }

    @Test
    void everyChallengeHasStepsWithCodeInPythonAndJavaAndHints() {
        for (Challenge c : QuestLoader.load(LABS).challenges()) {
            Set<String> languages = new TreeSet<>();
            c.steps().forEach(s -> s.code().forEach(code -> languages.add(code.language())));
            assertTrue(languages.containsAll(Set.of("python", "java")), c.id() + " has code in " + languages);
            assertTrue(c.hints().size() >= 2, c.id() + " has " + c.hints().size() + " hints");
        }
    }

    @Test
    void aBrokenChapterFileFailsTheLoadNamingTheFile(@TempDir Path copy) throws IOException {
        copyLabs(copy);
        Path file = copy.resolve("kafka/chapter.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"correct\": true", "\"correct\": false"));

        LabContentException e = assertThrows(LabContentException.class, () -> QuestLoader.load(copy));

        assertTrue(e.getMessage().startsWith("labs/kafka/chapter.json: question "), e.getMessage());
        assertTrue(e.getMessage().contains("needs exactly one correct option, has 0"), e.getMessage());
    }

    @Test
    void aMissingStarterFileFailsTheLoadNamingIt(@TempDir Path copy) throws IOException {
        copyLabs(copy);
        Path challenge = copy.resolve("novice/challenge.json");
        Files.writeString(challenge, Files.readString(challenge).replaceFirst("\"file\": \"[^\"]+\"",
                "\"file\": \"starter/nothing-here.py\""));

        LabContentException e = assertThrows(LabContentException.class, () -> QuestLoader.load(copy));

        assertEquals("labs/novice/starter/nothing-here.py: the file is missing (named by novice/challenge.json)",
                e.getMessage());
    }

    @Test
    void aTypoInAFieldNameFailsTheLoadWithTheLine(@TempDir Path copy) throws IOException {
        copyLabs(copy);
        Path file = copy.resolve("time/chapter.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"summary\"", "\"sumary\""));

        LabContentException e = assertThrows(LabContentException.class, () -> QuestLoader.load(copy));

        assertTrue(e.getMessage().startsWith("labs/time/chapter.json: Unrecognized field \"sumary\""), e.getMessage());
        assertTrue(e.getMessage().contains("(line "), e.getMessage());
    }

    @Test
    void aMilestoneNamingARequirementThatDoesNotExistFailsTheLoad(@TempDir Path copy) throws IOException {
        copyLabs(copy);
        Path file = copy.resolve("quest.json");
        Files.writeString(file, Files.readString(file).replace("check:intermediate/late-event", "check:intermediate/late"));

        LabContentException e = assertThrows(LabContentException.class, () -> QuestLoader.load(copy));

        assertTrue(e.getMessage().contains("requires check:intermediate/late, which the quest does not have"), e.getMessage());
    }

    private static void copyLabs(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(LABS)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(LABS.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }
}
