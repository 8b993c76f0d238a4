package dev.streamlab.scenario;

import dev.streamlab.engine.Firing;
import dev.streamlab.engine.TimeDomain;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioCatalogTest {
    private static final long ELEVEN = 1795604400000L; // 2026-11-25T11:00:00Z
    private static final long HOUR = 3_600_000L;

    @Test
    void theCatalogListsEveryScenarioFileWithItsTitleAndDescription() throws IOException {
        ScenarioCatalog catalog = ScenarioCatalog.load();
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of("labs", "scenarios"))) {
            files = list.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
        }
        assertEquals(files, catalog.entries().stream().map(ScenarioCatalog.Entry::id).sorted().toList());
        for (ScenarioCatalog.Entry e : catalog.entries()) {
            assertNotNull(e.title(), e.id());
            assertNotNull(e.description(), e.id());
        }
        assertEquals("mobile-order-1159", catalog.entries().get(0).id());
    }

    @Test
    void descriptionsSpeakOfOtherScenariosByTitleNotById() {
        ScenarioCatalog catalog = ScenarioCatalog.load();
        for (ScenarioCatalog.Entry e : catalog.entries()) {
            for (ScenarioCatalog.Entry other : catalog.entries()) {
                assertFalse(e.description().contains(other.id()), e.id() + " names " + other.id() + ": " + e.description());
            }
        }
    }

    @Test
    void theMobileOrderCountsInElevenByEventTimeAndInTwelveByProcessingTime() {
        Scenario scenario = ScenarioCatalog.load().get("mobile-order-1159").orElseThrow();
        ScenarioResult result = Scenarios.run(scenario);
        Firing eventTime = result.firings().stream()
                .filter(f -> f.domain() == TimeDomain.EVENT_TIME && f.key().equals("cust-1") && f.window().start() == ELEVEN)
                .findFirst().orElseThrow();
        assertEquals(2, eventTime.result().count(), "11:20 and the 11:59 mobile order");
        assertEquals(32.4, eventTime.result().sum(), 1e-9);
        Firing processingTime = result.firings().stream()
                .filter(f -> f.domain() == TimeDomain.PROCESSING_TIME && f.key().equals("cust-1")
                        && f.window().start() == ELEVEN + HOUR)
                .findFirst().orElseThrow();
        assertEquals(19.9, processingTime.result().sum(), 1e-9, "by processing time the 11:59 order counts at 12:00-13:00");
        assertEquals(1, result.dropped().size());
        assertEquals("cust-4", result.dropped().get(0).key());
    }

    @Test
    void unknownTopLevelTextsAreKeptAndAProcessingTimeSessionIsRefused() throws Exception {
        Scenario s = Scenarios.parse("{\"title\":\"T\",\"description\":\"D\",\"lesson\":\"L\",\"window\":{\"type\":\"tumbling\","
                + "\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}");
        assertEquals("T", s.title());
        assertEquals("D", s.description());
        assertEquals("L", s.lesson());
        ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () -> Scenarios.parse(
                "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"processingTimeWindow\":{\"type\":\"session\",\"gapMs\":5},"
                        + "\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[]}"));
        assertTrue(e.getMessage().startsWith("processingTimeWindow"), e.getMessage());
        String canonical = Scenarios.simulate("{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},"
                + "\"processingTimeWindow\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,"
                + "\"events\":[{\"key\":\"a\",\"ts\":1,\"arrivalMs\":1},{\"key\":\"a\",\"ts\":2,\"arrivalMs\":25}]}");
        assertTrue(canonical.contains("\"trigger\":\"processing\""), canonical);
    }
}
