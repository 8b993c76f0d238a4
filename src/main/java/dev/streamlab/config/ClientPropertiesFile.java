package dev.streamlab.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** Reads {@code --kafka-config}: Java properties passed to every Kafka client (SASL, SSL, ...). */
public final class ClientPropertiesFile {
    private ClientPropertiesFile() {
    }

    /** The file's properties, or none when no file was given; a missing or unreadable file is a clear error. */
    public static Map<String, String> load(Optional<Path> file) {
        if (file.isEmpty()) {
            return Map.of();
        }
        Path path = file.get();
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(path)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("--kafka-config: no such file " + path.toAbsolutePath());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException("--kafka-config: cannot read " + path.toAbsolutePath() + ": " + e.getMessage());
        }
        Map<String, String> result = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> result.put(name, props.getProperty(name).strip()));
        return Map.copyOf(result);
    }
}
