package dev.streamlab.cli;

import dev.streamlab.testing.Cli;
import dev.streamlab.testing.Cli.Run;
import dev.streamlab.config.InvalidSettingException;
import dev.streamlab.config.LabSettings;
import dev.streamlab.testing.FreePorts;
import dev.streamlab.testing.LabProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.streamlab.testing.Cli.assertOneLine;
import static dev.streamlab.testing.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
    void aShortInstructorTokenIsOneLineThatDoesNotRepeatIt() {
        Run run = run("--host", "0.0.0.0", "--instructor-token", "guessable", "--data-dir", dataDir.toString());

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("--instructor-token must be 16 to 200 visible ASCII characters"), run.err());
        assertFalse(run.err().contains("guessable"), run.err());
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
        assertOneLine(run.err());
        assertTrue(run.err().contains("--kafka-config: no such file"), run.err());
    }

    @Test
    void aKafkaConfigFileThatIsADirectoryIsNamed() {
        Run run = run(serve("--kafka-config", dataDir.toString()));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: --kafka-config: " + dataDir.toAbsolutePath() + " is a directory"), run.err());
    }

    @Test
    void bootstrapServersThatAreNotAnAddressNameItAndTheExpectedForm() {
        Run run = run(serve("--bootstrap-servers", "not a host:::"));

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertEquals("streamlab: --bootstrap-servers: 'not a host:::' is not an address; give HOST:PORT[,HOST:PORT], "
                + "e.g. localhost:9092", run.err().strip());
    }

    @Test
    void bootstrapServersWhoseHostIsUnknownSayWhichHost() {
        Run run = run(serve("--bootstrap-servers", "nosuch.invalid:9092", "--connect-timeout", "2"));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: --bootstrap-servers nosuch.invalid:9092: no host of it is known here "
                + "(nosuch.invalid)"), run.err());
    }

    @Test
    void emptyBootstrapServersAreRefusedNotTakenForTheEmbeddedBroker() {
        Run run = run(serve("--bootstrap-servers", ""));

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertEquals("streamlab: --bootstrap-servers is empty; give HOST:PORT, or leave the option out to use the "
                + "embedded broker", run.err().strip());
    }

    @Test
    void anEmptyBootstrapServersVariableCountsAsUnsetAndMeansTheEmbeddedBroker() {
        // picocli reads ${STREAMLAB_...} from a system property before the environment
        for (String variable : new String[] {"STREAMLAB_BOOTSTRAP_SERVERS", "STREAMLAB_KAFKA_CONFIG", "STREAMLAB_DATA_DIR",
                "STREAMLAB_HOST"}) {
            System.setProperty(variable, "");
        }
        try {
            CommandLine fromEnv = StreamlabCommand.commandLine();
            fromEnv.parseArgs("--port", "7171");
            LabSettings settings = ((StreamlabCommand) fromEnv.getCommand()).options.toSettings();
            assertTrue(settings.embedded());
            assertTrue(settings.kafkaConfigFile().isEmpty());
            assertEquals(Path.of(LabSettings.DEFAULT_DATA_DIR), settings.dataDir());
            assertEquals(LabSettings.DEFAULT_HOST, settings.host());

            CommandLine typed = StreamlabCommand.commandLine();
            typed.parseArgs("--bootstrap-servers", "");
            assertThrows(InvalidSettingException.class, () -> ((StreamlabCommand) typed.getCommand()).options.toSettings());
        } finally {
            for (String variable : new String[] {"STREAMLAB_BOOTSTRAP_SERVERS", "STREAMLAB_KAFKA_CONFIG",
                    "STREAMLAB_DATA_DIR", "STREAMLAB_HOST"}) {
                System.clearProperty(variable);
            }
        }
    }

    @Test
    void anEmptyKafkaConfigTypedOnTheCommandLineIsRefused() {
        Run run = run(serve("--kafka-config", ""));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: --kafka-config is empty"), run.err());
    }

    @Test
    void aKafkaConfigWithAnUnknownSecurityProtocolNamesTheFileTheKeyAndTheAllowedValues() throws IOException {
        Path file = Files.writeString(dataDir.resolve("client.properties"), "# for the class cluster\nsecurity.protocol=BOGUS\n");

        Run run = run(serve("--kafka-config", file.toString()));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: --kafka-config " + file.toAbsolutePath() + ": Invalid value BOGUS for "
                + "configuration security.protocol"), run.err());
        for (String allowed : new String[] {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}) {
            assertTrue(run.err().contains(allowed), run.err());
        }
    }

    @Test
    void aKafkaConfigNamingAKeystoreThatIsNotThereNamesTheKeyNotAStackTrace() throws IOException {
        Path keystore = dataDir.resolve("missing.jks");
        Path file = Files.writeString(dataDir.resolve("ssl.properties"),
                "security.protocol=SSL\nssl.keystore.location=" + keystore + "\nssl.keystore.password=x\n");

        Run run = run(serve("--bootstrap-servers", "127.0.0.1:1", "--kafka-config", file.toString()));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertEquals("streamlab: --kafka-config " + file.toAbsolutePath() + ": ssl.keystore.location is " + keystore
                + ", which does not exist; fix that line of the file", run.err().strip());
    }

    @Test
    void aBinaryKafkaConfigFileIsSaidNotToBeAPropertiesFile() throws IOException {
        byte[] bytes = new byte[256];
        new Random(12).nextBytes(bytes);
        bytes[0] = (byte) 0xC3; // a lead byte with no continuation: never UTF-8
        bytes[1] = 'x';
        Path file = Files.write(dataDir.resolve("client.jks"), bytes);

        Run run = run(serve("--kafka-config", file.toString()));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: --kafka-config: " + file.toAbsolutePath()
                + " is not a text properties file"), run.err());
    }

    @Test
    void aKafkaConfigFileWithNulBytesIsNotTakenForText() throws IOException {
        Path file = Files.write(dataDir.resolve("zeros.properties"), new byte[64]);

        Run run = run(serve("--kafka-config", file.toString()));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains(file.toAbsolutePath() + " is not a text properties file"), run.err());
    }

    @Test
    void anUnreadableKafkaConfigFileSaysPermissionDenied() throws IOException {
        Path file = Files.writeString(dataDir.resolve("secret.properties"), "security.protocol=SSL\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "this user (root?) reads files whatever their permissions");

        Run run = run(serve("--kafka-config", file.toString()));

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("cannot read " + file.toAbsolutePath() + ": permission denied"), run.err());
    }

    @ParameterizedTest(name = "--connect-timeout {0}")
    @ValueSource(strings = {"0", "-1", "abc", "", "3601", "99999999999"})
    void aConnectTimeoutThatIsNotOneSecondToAnHourIsOneLineNamingTheFlag(String value) {
        Run run = run(serve("--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", value));

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: "), run.err());
        assertTrue(run.err().contains("--connect-timeout"), run.err());
    }

    @ParameterizedTest(name = "--port {0}")
    @ValueSource(strings = {"0", "-1", "65536", "", "80.5", "99999999999"})
    void aPortThatIsNotOneTo65535IsOneLineNamingTheFlag(String value) {
        Run run = run("--port", value, "--data-dir", dataDir.toString());

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: "), run.err());
        assertTrue(run.err().contains("--port"), run.err());
    }

    @Test
    void anEmptyDataDirectoryIsRefusedRatherThanTakenForTheCurrentFolder() {
        Run run = run("--port", String.valueOf(FreePorts.next()), "--data-dir", "");

        assertEquals(2, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("streamlab: --data-dir is empty"), run.err());
    }

    @Test
    void aDataDirectoryInsideAFileIsOneLineWithTheFlagToUse() throws IOException {
        Path file = Files.writeString(dataDir.resolve("plain-file"), "x");

        Run run = run("--port", String.valueOf(FreePorts.next()), "--kafka-port", String.valueOf(FreePorts.next()),
                "--data-dir", file.resolve("data").toString());

        assertEquals(1, run.exitCode());
        assertOneLine(run.err());
        assertTrue(run.err().contains("--data-dir"), run.err());
    }

    /**
     * Restarting on the same data directory, after SIGTERM and after kill -9, prints nothing alarming before the ready
     * line. The NotControllerException this guards against comes from a race inside Kafka (see cli/Logging) that this
     * test cannot force: it passes where the race is lost too, and fails if the lab's quieting of it goes.
     */
    @Test
    void restartsOnTheSameDataDirectoryPrintNoErrorBeforeTheReadyLine() throws Exception {
        String[] args = {"--port", String.valueOf(FreePorts.next()), "--kafka-port", String.valueOf(FreePorts.next()),
                "--data-dir", dataDir.resolve("data").toString()};
        for (int start = 1; start <= 4; start++) {
            try (LabProcess lab = LabProcess.start(dataDir, args)) {
                List<String> beforeReady = new ArrayList<>();
                for (String line : lab.output()) {
                    if (line.contains("Streamlab ready")) {
                        break;
                    }
                    beforeReady.add(line);
                }
                int n = start;
                assertTrue(beforeReady.stream().noneMatch(l -> l.contains("ERROR") || l.startsWith("\tat ")
                        || l.contains("Exception")), () -> "start " + n + " printed:\n" + String.join("\n", beforeReady));
                if (start % 2 == 0) {
                    lab.kill();
                } else {
                    assertTrue(lab.terminate(Duration.ofSeconds(30)), "stopped on SIGTERM");
                }
            }
        }
    }

    /** {@code serve} on free ports in the test's data directory, with these options added. */
    private String[] serve(String... options) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(FreePorts.next()), "--kafka-port",
                String.valueOf(FreePorts.next()), "--data-dir", dataDir.resolve("data").toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
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
