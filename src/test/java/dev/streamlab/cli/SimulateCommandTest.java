package dev.streamlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {
    private static final String GOOD = "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,"
            + "\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1,\"value\":2}]}";
    private static final String BAD = "{\"window\":{\"type\":\"tumbling\",\"sizeMs\":10},\"maxOutOfOrdernessMs\":0,"
            + "\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1},{\"key\":\"a\"}]}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = StreamlabCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void simulatePrintsTheCanonicalResult(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("one.json"), GOOD);
        assertEquals(0, run("simulate", file.toString()));
        assertTrue(out.toString().startsWith("{\n  \"firings\": [\n    {\"key\":\"a\",\"start\":0,\"end\":10,\"count\":1,\"sum\":2.0,"
                + "\"trigger\":\"end\",\"afterEvent\":null}"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingFileFieldAndEventWithNothingOnStdout(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), BAD);
        assertEquals(2, run("simulate", file.toString()));
        assertEquals("", out.toString());
        assertEquals(file + ": events[1].ts: missing (every event needs a non-negative integer ts in milliseconds)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void aMissingFileIsBadInputToo(@TempDir Path dir) {
        assertEquals(2, run("simulate", dir.resolve("nope.json").toString()));
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith(dir.resolve("nope.json") + ": cannot read"), err.toString());
    }

    @Test
    void batchWritesAnActualFileForEveryScenarioAndSkipsExpectedAndActualFiles(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.writeString(in.resolve("a.json"), GOOD);
        Files.writeString(in.resolve("a.expected.json"), "not a scenario");
        Files.writeString(in.resolve("old.actual.json"), "not a scenario");
        Files.writeString(in.resolve("b.json"), GOOD);
        Path outDir = dir.resolve("out");
        assertEquals(0, run("simulate", "--batch", in.toString(), outDir.toString()));
        assertTrue(Files.exists(outDir.resolve("a.actual.json")));
        assertTrue(Files.exists(outDir.resolve("b.actual.json")));
        assertFalse(Files.exists(outDir.resolve("a.expected.actual.json")));
        assertEquals(2, Files.list(outDir).count());
    }

    @Test
    void batchReportsEachBadFileAndExitsWithTwo(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.writeString(in.resolve("good.json"), GOOD);
        Files.writeString(in.resolve("bad.json"), BAD);
        assertEquals(2, run("simulate", "--batch", in.toString(), dir.resolve("out").toString()));
        assertTrue(Files.exists(dir.resolve("out").resolve("good.actual.json")));
        assertFalse(Files.exists(dir.resolve("out").resolve("bad.actual.json")));
        assertEquals(in.resolve("bad.json") + ": events[1].ts: missing (every event needs a non-negative integer ts in "
                + "milliseconds)" + System.lineSeparator(), err.toString());
    }

    @Test
    void givingBothOrNeitherModeIsAUsageError(@TempDir Path dir) {
        assertEquals(2, run("simulate"));
        assertTrue(err.toString().contains("give either SCENARIO or --batch IN_DIR OUT_DIR"), err.toString());
    }

    @Test
    void aScenarioOverTheBudgetExitsWithTwoAndTheSameLineTheApiAnswers(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("huge.json"), "{\"window\":{\"type\":\"sliding\",\"sizeMs\":10000000,"
                + "\"slideMs\":1},\"maxOutOfOrdernessMs\":0,\"allowedLatenessMs\":0,\"events\":[{\"key\":\"a\",\"ts\":1000}]}");
        assertEquals(2, run("simulate", file.toString()));
        assertEquals("", out.toString());
        assertEquals(file + ": window: sliding window 10000000 ms every 1 ms puts each event in 10,000,000 windows; the lab "
                + "allows at most 1,000 per event (Flink would accept it, but it is too big for a lab): make the slide at "
                + "least 10,000 ms or the window shorter" + System.lineSeparator(), err.toString());
    }

    @Test
    void aScenarioFileLargerThanTheLabReadsIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("big.json"), GOOD + " ".repeat(1_048_576));
        assertEquals(2, run("simulate", file.toString()));
        assertEquals(file + ": scenario: " + Files.size(file) + " bytes are more than the lab reads (at most 1048576; "
                + "send fewer events)" + System.lineSeparator(), err.toString());
    }
}
