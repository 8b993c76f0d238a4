package dev.streamlab.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the quest from {@code labs/quest.json}, which the build packs onto the classpath. */
public final class QuestLoader {
    static final String RESOURCE = "labs/quest.json";

    private QuestLoader() {
    }

    public static Quest load() {
        return load(RESOURCE);
    }

    static Quest load(String resource) {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = QuestLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; run the lab with Maven or from the jar");
            }
            return mapper.readValue(in, Quest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
