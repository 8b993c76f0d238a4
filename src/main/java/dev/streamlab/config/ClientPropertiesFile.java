package dev.streamlab.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads {@code --kafka-config}: Java properties passed to every Kafka client (SASL, SSL, ...). The file must be
 * UTF-8 text of at most {@value #MAX_BYTES} bytes; anything else is refused with one line naming the file.
 */
public final class ClientPropertiesFile {
    /** A client properties file is a few dozen lines; a bigger one is the wrong file, and is not read into memory. */
    static final long MAX_BYTES = 1024 * 1024;

    private ClientPropertiesFile() {
    }

    /** The file's properties, or none when no file was given; a missing or unreadable file is a clear error. */
    public static Map<String, String> load(Optional<Path> file) {
        if (file.isEmpty()) {
            return Map.of();
        }
        if (file.get().toString().isBlank()) {
            throw new InvalidSettingException("--kafka-config is empty; give the client properties file, or leave the option out");
        }
        Path path = file.get().toAbsolutePath();
        Properties props = new Properties();
        try {
            props.load(new StringReader(text(path)));
        } catch (IOException | IllegalArgumentException e) {
            // Properties.load says "Malformed \\uxxxx encoding." for a bad escape; nothing else reaches here
            throw new InvalidSettingException("--kafka-config: cannot read " + path + ": " + e.getMessage()
                    + "; fix the file (key=value lines)");
        }
        Map<String, String> result = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> result.put(name, props.getProperty(name).strip()));
        return Map.copyOf(result);
    }

    private static String text(Path path) {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new InvalidSettingException("--kafka-config: " + path + " is a directory; give the properties file in it");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new InvalidSettingException("--kafka-config: " + path + " is " + size + " bytes, not a client "
                        + "properties file (at most " + MAX_BYTES + "); give the file of key=value lines");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("--kafka-config: no such file " + path);
        } catch (AccessDeniedException e) {
            throw new InvalidSettingException("--kafka-config: cannot read " + path + ": permission denied; "
                    + "make it readable for the user who runs the lab");
        } catch (IOException e) {
            throw new InvalidSettingException("--kafka-config: cannot read " + path + ": " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText(path);
        }
        // NUL never occurs in a text file, but decodes as UTF-8: a binary file may well pass the decoder
        if (text.indexOf('\0') >= 0) {
            throw notText(path);
        }
        return text;
    }

    private static InvalidSettingException notText(Path path) {
        return new InvalidSettingException("--kafka-config: " + path + " is not a text properties file (UTF-8 "
                + "key=value lines, e.g. security.protocol=SASL_SSL); give the client properties file");
    }
}
