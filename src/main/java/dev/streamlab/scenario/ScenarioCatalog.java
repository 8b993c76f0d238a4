package dev.streamlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instructor scenarios: {@code labs/scenarios.json} lists their ids in teaching order and each is
 * {@code labs/scenarios/<id>.json} (the {@code simulate} format plus {@code title}, {@code description}, {@code lesson}),
 * read from the classpath, where the build packs {@code labs/}.
 */
public final class ScenarioCatalog {
    static final String INDEX = "labs/scenarios.json";
    static final String FOLDER = "labs/scenarios/";

    /** One catalog entry: the id (file name without {@code .json}) and the texts shown in the scenario list. */
    public record Entry(String id, String title, String description) {
    }

    private final List<Scenario> scenarios;

    private ScenarioCatalog(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /** Reads and validates every listed scenario; a broken one fails here with its file name and the parser's message. */
    public static ScenarioCatalog load() {
        JsonNode index;
        try {
            index = new ObjectMapper().readTree(read(INDEX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX + ": " + e.getMessage(), e);
        }
        if (index == null || !index.isArray()) {
            throw new IllegalStateException(INDEX + " must be a JSON array of scenario ids");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (JsonNode id : index) {
            String file = FOLDER + id.asText() + ".json";
            try {
                scenarios.add(Scenarios.parse(read(file)).withId(id.asText()));
            } catch (ScenarioException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
        }
        return new ScenarioCatalog(scenarios);
    }

    /** The scenarios in teaching order. */
    public List<Entry> entries() {
        return scenarios.stream().map(s -> new Entry(s.id(), s.title(), s.description())).toList();
    }

    /** Every scenario, parsed, in teaching order. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    public Optional<Scenario> get(String id) {
        return scenarios.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static String read(String resource) {
        try (InputStream in = ScenarioCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; run the lab with Maven or from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
