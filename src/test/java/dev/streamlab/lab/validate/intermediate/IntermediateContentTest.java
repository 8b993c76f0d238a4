package dev.streamlab.lab.validate.intermediate;

import dev.streamlab.lab.QuestLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The intermediate challenge's content and its checks fit: every check, action and hint it names exists. */
class IntermediateContentTest {

    @Test
    void theCatalogHasEveryCheckActionAndHintTheIntermediateChallengeNames() {
        List<String> problems = Bench.CATALOG.problems(QuestLoader.load()).stream()
                .filter(p -> p.startsWith("intermediate")).toList();

        assertEquals(List.of(), problems);
    }

    @Test
    void theRequirementsAreTheOnesTheHomePageChecklistRefersTo() {
        assertEquals(List.of("event-time", "window-counts", "late-event"),
                Bench.CHALLENGE.requirements().stream().map(r -> r.id()).toList());
        assertEquals(List.of("event-time-field", "tumbling-counts", "late-event-in-true-window"),
                Bench.CHALLENGE.requirements().stream().map(r -> r.check()).toList());
    }

    @Test
    void theStepsShowStarterCodeInPythonAndJavaWithTheLabsAddress() {
        var code = Bench.CHALLENGE.steps().stream().flatMap(s -> s.code().stream()).toList();

        assertTrue(code.stream().anyMatch(c -> c.language().equals("java") && c.content().contains("TODO")));
        assertTrue(code.stream().anyMatch(c -> c.language().equals("python") && c.content().contains("TODO")));
        assertTrue(code.stream().filter(c -> c.file().startsWith("starter/"))
                .allMatch(c -> c.contentFor("10.0.0.5:19092", "http://10.0.0.5:7070").contains("10.0.0.5:19092")));
    }
}
