package dev.streamlab.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabSettingsTest {

    @Test
    void withoutBootstrapServersTheLabRunsItsOwnBroker() {
        assertTrue(settings(7070, 9092, Optional.empty()).embedded());
    }

    @Test
    void blankBootstrapServersAreRefusedSayingHowToGetTheEmbeddedBroker() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> settings(7070, 9092, Optional.of("  ")));

        assertEquals("--bootstrap-servers is empty; give HOST:PORT, or leave the option out to use the embedded broker",
                e.getMessage());
    }

    @Test
    void bootstrapServersThatAreNotHostAndPortNameTheBadEntryAndTheForm() {
        for (String bad : new String[] {"not a host:::", "kafka", "kafka:0", "kafka:70000", "good:9092,bad", ":9092"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> settings(7070, 9092, Optional.of(bad)),
                    bad);

            assertTrue(e.getMessage().startsWith("--bootstrap-servers: '"), e.getMessage());
            assertTrue(e.getMessage().endsWith("is not an address; give HOST:PORT[,HOST:PORT], e.g. localhost:9092"),
                    e.getMessage());
        }
    }

    @Test
    void bootstrapServersAcceptWhatKafkaAccepts() {
        for (String good : new String[] {"localhost:9092", "a:9092, b:9093", "10.0.0.1:9092", "[::1]:9092",
                "PLAINTEXT://broker-1.example.com:9092", "a:9092,"}) {
            assertFalse(settings(7070, 9092, Optional.of(good)).embedded(), good);
        }
    }

    @Test
    void bootstrapServersSwitchToAnExternalCluster() {
        LabSettings settings = settings(7070, 9092, Optional.of(" kafka:9092 "));

        assertFalse(settings.embedded());
        assertEquals(Optional.of("kafka:9092"), settings.bootstrapServers());
    }

    @Test
    void theWebAndKafkaPortsMustDiffer() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> settings(9092, 9092, Optional.empty()));

        assertEquals("--port and --kafka-port are both 9092; give them different values", e.getMessage());
    }

    @Test
    void aPortBelowOneIsRefusedNamingTheFlag() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> settings(7070, 0, Optional.empty()));

        assertEquals("--kafka-port must be a port between 1 and 65535, got 0", e.getMessage());
    }

    @Test
    void aZeroConnectTimeoutIsRefused() {
        assertThrows(InvalidSettingException.class, () -> new LabSettings("127.0.0.1", 1, 2, Path.of("d"), false,
                Optional.of("k:9092"), Optional.empty(), false, Duration.ZERO));
    }

    @Test
    void allowedHostsAreKeptInLowerCaseWithoutBlanksOrRepeats() {
        LabSettings settings = new LabSettings("127.0.0.1", 7070, 9092, Path.of("d"), false, Optional.empty(),
                Optional.empty(), false, Duration.ofSeconds(10), List.of(" Lab.School.example", "", "lab.school.example", "box"));

        assertEquals(List.of("lab.school.example", "box"), settings.allowedHosts());
    }

    @Test
    void anAllowedHostWithASchemeOrPortIsRefusedNamingTheOption() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new LabSettings("127.0.0.1", 7070,
                9092, Path.of("d"), false, Optional.empty(), Optional.empty(), false, Duration.ofSeconds(10),
                List.of("http://lab.school.example:7070")));

        assertEquals("--allowed-hosts takes host names separated by commas, such as lab.school.example,teacher-laptop; "
                + "\"http://lab.school.example:7070\" is not one (no scheme, port or path)", e.getMessage());
    }

    @Test
    void theEmbeddedBrokerListensWhereTheWebServerDoesUnlessKafkaHostSaysOtherwise() {
        assertEquals("0.0.0.0", classroom(Optional.empty(), Optional.empty(), Optional.empty()).brokerHost());
        assertEquals("127.0.0.1", classroom(Optional.of(" 127.0.0.1 "), Optional.empty(), Optional.empty()).brokerHost());
    }

    @Test
    void aWildcardAdvertisedHostIsRefusedSinceNoClientCanConnectToIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> classroom(Optional.empty(), Optional.of("0.0.0.0"), Optional.empty()));

        assertEquals("--advertised-host 0.0.0.0 is a wildcard, which no client can connect to; give this machine's name "
                + "or an address other machines reach it at", e.getMessage());
    }

    @Test
    void anAdvertisedHostWithAPortIsRefusedNamingTheOption() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> classroom(Optional.empty(), Optional.of("lab:9092/x"), Optional.empty()));

        assertTrue(e.getMessage().startsWith("--advertised-host takes one host name or IP address"), e.getMessage());
    }

    @Test
    void aShortInstructorTokenIsRefusedWithoutRepeatingIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> classroom(Optional.empty(), Optional.empty(), Optional.of("secret12")));

        assertEquals("--instructor-token must be 16 to 200 visible ASCII characters without spaces; leave it out and the "
                + "lab makes one", e.getMessage());
        assertFalse(e.getMessage().contains("secret12"));
    }

    @Test
    void anEmptyKafkaHostIsRefused() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> classroom(Optional.of(" "), Optional.empty(), Optional.empty()));

        assertEquals("--kafka-host must not be empty (leave it out to listen where --host does)", e.getMessage());
    }

    private static LabSettings classroom(Optional<String> kafkaHost, Optional<String> advertised, Optional<String> token) {
        return new LabSettings("0.0.0.0", 7070, 9092, Path.of("d"), false, Optional.empty(), Optional.empty(), false,
                Duration.ofSeconds(10), List.of(), kafkaHost, advertised, token);
    }

    private static LabSettings settings(int web, int kafka, Optional<String> bootstrap) {
        return new LabSettings("127.0.0.1", web, kafka, Path.of("streamlab-data"), false, bootstrap, Optional.empty(),
                false, Duration.ofSeconds(10));
    }
}
