package dev.streamlab.lab;

import java.util.Objects;

/**
 * Code shown in a step: its language (for highlighting and tabs), a label such as "Python (kafka-python)", the file
 * it came from under the challenge's folder (null for inline code) and its text. {@value #BOOTSTRAP} in the text is
 * replaced by the lab's bootstrap servers when shown, and {@value #LAB} by the lab's own address.
 */
public record CodeSample(String language, String label, String file, String content) {
    public static final String BOOTSTRAP = "{{bootstrap}}";
    public static final String LAB = "{{lab}}";

    public CodeSample {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(content, "content of " + (file != null ? file : label));
    }

    /** The text with the lab's own bootstrap servers and address in it. */
    public String contentFor(String bootstrapServers, String labUrl) {
        return fill(content, bootstrapServers, labUrl);
    }

    /** Any lab text with {@value #BOOTSTRAP} and {@value #LAB} filled in. */
    public static String fill(String text, String bootstrapServers, String labUrl) {
        return text.replace(BOOTSTRAP, bootstrapServers).replace(LAB, labUrl);
    }
}
