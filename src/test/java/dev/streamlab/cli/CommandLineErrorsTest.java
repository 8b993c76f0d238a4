package dev.streamlab.cli;

import dev.streamlab.testing.Cli;
import dev.streamlab.testing.Cli.Run;
import dev.streamlab.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.streamlab.testing.Cli.assertOneLine;
import static dev.streamlab.testing.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mistake a user makes at start-up costs one clear line and a non-zero exit, never a stack trace. */
class CommandLineErrorsTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnknownFlagIsOneLineThatSuggestsTheRightOne() {
        Run run = run("--prot", "8080");

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("unknown option --prot; did you mean --port?"), run.err());
    }

    @Test
    void anUnknownFlagFarFromAnyOptionGetsNoGuess() {
        Run run = run("--colour=blue");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("streamlab: unknown option --colour (run 'streamlab --help'"), run.err());
    }

    @Test
    void aFlagWithAValueThatIsNotANumberNamesTheFlag() {
        Run run = run("--port", "seventy");

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("--port"), run.err());
        assertTrue(run.err().contains("seventy"), run.err());
    }

    @Test
    void aPortOutOfRangeNamesTheFlag() {
        Run run = run("--port", "70000", "--data-dir", dataDir.toString());

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("--port must be a port between 1 and 65535, got 70000"), run.err());
    }

    @Test
    void aTakenWebPortSaysWhichPortAndWhichFlagToUse() throws IOException {
        try (ServerSocket taken = listen()) {
            Run run = run("--port", String.valueOf(taken.getLocalPort()), "--kafka-port", String.valueOf(FreePorts.next()),
                    "--data-dir", dataDir.toString());

            assertEquals(1, run.exitCode());
            assertOneLine(run.err());
            assertTrue(run.err().contains("web port " + taken.getLocalPort()), run.err());
            assertTrue(run.err().contains("--port"), run.err());
        }
    }

    @Test
    void aTakenKafkaPortSaysWhichPortAndWhichFlagToUse() throws IOException {
        try (ServerSocket taken = listen()) {
            Run run = run("--port", String.valueOf(FreePorts.next()), "--kafka-port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dataDir.toString());

            assertEquals(1, run.exitCode());
            assertOneLine(run.err());
            assertTrue(run.err().contains("Kafka port " + taken.getLocalPort()), run.err());
            assertTrue(run.err().contains("--kafka-port"), run.err());
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefusedWithTheFlagToUse() throws IOException {
        Path file = Files.writeString(dataDir.resolve("not-a-dir"), "x");

        Run run = run("--port", String.valueOf(FreePorts.next()), "--kafka-port", String.valueOf(FreePorts.next()),
                "--data-dir", file.toString());

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("is a file, not a directory"), run.err());
        assertTrue(run.err().contains("--data-dir"), run.err());
    }

    @Test
    void anUnreachableExternalClusterIsReportedWithinTheTimeout() {
        int nobody = FreePorts.next();

        Run run = run("--port", String.valueOf(FreePorts.next()), "--bootstrap-servers", "127.0.0.1:" + nobody,
                "--connect-timeout", "2", "--data-dir", dataDir.toString());

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("cannot reach Kafka at 127.0.0.1:" + nobody + " within 2 s"), run.err());
        assertTrue(run.err().contains("--bootstrap-servers"), run.err());
    }

    @Test
    void aMissingKafkaConfigFileIsNamed() {
        Run run = run("--port", String.valueOf(FreePorts.next()), "--bootstrap-servers", "127.0.0.1:1",
                "--kafka-config", dataDir.resolve("client.properties").toString(), "--data-dir", dataDir.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("--kafka-config: no such file"), run.err());
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        Run run = run("--help");

        assertEquals(0, run.exitCode());
        for (String option : new String[] {"--port", "--kafka-port", "--host", "--data-dir", "--fresh",
                "--bootstrap-servers", "--kafka-config", "--verbose"}) {
            assertTrue(run.out().contains(option), option);
        }
        assertTrue(run.out().contains("STREAMLAB_KAFKA_PORT"));
        assertTrue(run.out().contains("serve"), "lists the serve subcommand");
    }


    private static ServerSocket listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return socket;
    }
}
