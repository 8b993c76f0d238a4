package dev.streamlab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code serve}'s options become as settings. */
class ServeOptionsTest {

    @Test
    void allowedHostsAreACommaSeparatedList() {
        ServeOptions options = CommandLine.populateCommand(new ServeOptions(), "--allowed-hosts", "lab.school.example,Box");

        assertEquals(List.of("lab.school.example", "box"), options.toSettings().allowedHosts());
    }

    @Test
    void withoutAllowedHostsThereAreNoExtraNames() {
        assertEquals(List.of(), CommandLine.populateCommand(new ServeOptions()).toSettings().allowedHosts());
    }

    @Test
    void theClassroomOptionsBecomeSettings() {
        ServeOptions options = CommandLine.populateCommand(new ServeOptions(), "--host", "0.0.0.0", "--kafka-host", "10.0.0.5",
                "--advertised-host", "teacher-laptop.local", "--instructor-token", "a-token-of-20-chars!");

        assertEquals("10.0.0.5", options.toSettings().brokerHost());
        assertEquals(Optional.of("teacher-laptop.local"), options.toSettings().advertisedHost());
        assertEquals(Optional.of("a-token-of-20-chars!"), options.toSettings().instructorToken());
    }

    @Test
    void withoutClassroomOptionsTheBrokerListensWithTheWebServerAndTheLabMakesItsOwnToken() {
        ServeOptions options = CommandLine.populateCommand(new ServeOptions(), "--host", "0.0.0.0");

        assertEquals("0.0.0.0", options.toSettings().brokerHost());
        assertEquals(Optional.empty(), options.toSettings().advertisedHost());
        assertEquals(Optional.empty(), options.toSettings().instructorToken());
    }
}
