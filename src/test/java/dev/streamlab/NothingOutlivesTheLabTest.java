package dev.streamlab;

import dev.streamlab.process.ChildRecord;
import dev.streamlab.process.ChildRecords;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.Http;
import dev.streamlab.testing.LabProcess;
import dev.streamlab.testing.Names;
import dev.streamlab.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing outlives the lab, with real processes: its workers end when it is killed hard, a restarted lab ends what a
 * killed one left behind (and only that), and a learner's program under {@code chaos} ends when chaos is killed.
 */
class NothingOutlivesTheLabTest {
    /** The bound: within 10 s of the kill no child is alive. A bound for Awaitility, not a timing claim. */
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path workDir;

    /** Everything a test started or found, ended whatever the outcome, so a failing run leaves nothing behind either. */
    private final List<ProcessHandle> toEnd = new ArrayList<>();

    @AfterEach
    void endEverythingStarted() {
        toEnd.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void killingTheLabWithSigkillEndsItsThreeGuaranteesWorkersWithinTenSeconds() throws Exception {
        int webPort = FreePorts.next();
        try (LabProcess lab = LabProcess.start(workDir, "--port", String.valueOf(webPort),
                "--kafka-port", String.valueOf(FreePorts.next()), "--data-dir", "data")) {
            toEnd.add(ProcessHandle.of(lab.pid()).orElseThrow());
            HttpResponse<String> run = Http.send("POST", "http://127.0.0.1:" + webPort + "/api/guarantees", "{\"records\": 100}");
            assertEquals(201, run.statusCode(), run.body());

            ProcessHandle labHandle = ProcessHandle.of(lab.pid()).orElseThrow();
            List<ProcessHandle> workers = await("the lab's three worker processes").atMost(Duration.ofSeconds(60))
                    .until(() -> workersOf(labHandle), found -> found.size() == 3);
            toEnd.addAll(workers);
            assertEquals(3, records(workDir.resolve("data/children")).size(), "each running worker is recorded");

            lab.kill();
            assertEquals(SIGKILL_EXIT, lab.exitValue(), "the lab died of SIGKILL, so no shutdown hook stopped the workers");
            assertFalse(lab.printed("Streamlab is stopping"), lab.output().toString());
            await("every worker has ended").atMost(WITHIN).until(() -> workers.stream().noneMatch(NothingOutlivesTheLabTest::running));
        }
    }

    @Test
    void aLabEndsTheLeftoversRecordedInItsDataDirectoryButNotAProcessThatGotARecordedPidLater() throws Exception {
        Path data = workDir.resolve("data");
        ChildRecords records = ChildRecords.in(data.resolve("children"));
        Process leftover = sleeper();
        records.started(leftover.toHandle(), "worker at-least-once");
        // Same pid, another start: as if the recorded worker had ended and the system had given its pid to this one.
        Process stranger = sleeper();
        ChildRecord actual = ChildRecord.of(stranger.toHandle(), "worker exactly-once").orElseThrow();
        records.write(new ChildRecord(actual.pid(), actual.start().minus(Duration.ofHours(1)), actual.command(), actual.what()));

        // On the shared test broker: what is under test happens before Kafka matters, and an embedded one costs time.
        try (LabProcess lab = LabProcess.start(workDir, "--port", String.valueOf(FreePorts.next()),
                "--bootstrap-servers", TestBroker.bootstrapServers(), "--data-dir", "data")) {
            toEnd.add(ProcessHandle.of(lab.pid()).orElseThrow());
            await("the leftover has ended").atMost(WITHIN).until(() -> !leftover.isAlive());
            assertTrue(lab.printed("Ended 1 process that an earlier run of this lab left running: worker at-least-once (pid "
                    + leftover.pid() + ")"), lab.output().toString());
            // The lab ends leftovers before its ready line, so by now it has decided about the stranger.
            assertTrue(stranger.isAlive(), "a process whose start differs from the record is not the recorded one");
            assertEquals(List.of(), records(data.resolve("children")), "both records are gone");
        }
    }

    @Test
    void killingChaosWithSigkillEndsTheProgramItWasChecking() throws Exception {
        // No kills and a long quiet period: chaos itself would leave the program alone for minutes.
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", LabProcess.classpath(), "dev.streamlab.Main", "chaos", "--kills", "0", "--records", "10",
                "--quiet", "300s", "--timeout", "300s", "--bootstrap-servers", TestBroker.bootstrapServers(),
                "--input", Names.unique("chaos-in"), "--output", Names.unique("chaos-out"), "--", "sleep", "300");
        Path log = workDir.resolve("chaos.log");
        Process chaos = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        toEnd.add(chaos.toHandle());

        Optional<ProcessHandle> found = await("chaos has started the program").atMost(Duration.ofSeconds(60))
                .until(() -> chaos.descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")).findFirst(),
                        started -> started.isPresent() || !chaos.isAlive());
        assertTrue(found.isPresent(), "chaos ended before it started the program: " + Files.readString(log));
        ProcessHandle program = found.get();
        toEnd.add(program);
        List<ProcessHandle> watchdog = chaos.descendants().filter(p -> isJava(p)).toList();
        toEnd.addAll(watchdog);

        chaos.destroyForcibly();
        assertEquals(SIGKILL_EXIT, chaos.waitFor());
        await("the program has ended").atMost(WITHIN).until(() -> !running(program));
        await("the watchdog has ended").atMost(WITHIN).until(() -> watchdog.stream().noneMatch(NothingOutlivesTheLabTest::running));
    }

    private Process sleeper() throws IOException {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        toEnd.add(sleeper.toHandle());
        return sleeper;
    }

    /** The lab starts no process but its workers; their arguments are not always readable (a long classpath). */
    private static List<ProcessHandle> workersOf(ProcessHandle lab) {
        return lab.descendants().filter(ProcessHandle::isAlive).filter(NothingOutlivesTheLabTest::isJava).toList();
    }

    /**
     * Alive and not a zombie. An orphan that has ended waits, as a zombie, for the machine's init to reap it, and Java
     * counts a zombie as alive; a container whose init is slow to reap must not fail this test.
     */
    private static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return p.isAlive(); // no /proc (not Linux) or the process is gone
        }
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().orElse("").endsWith("java");
    }

    private static List<Path> records(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
