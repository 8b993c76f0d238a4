package dev.streamlab.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

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
}
