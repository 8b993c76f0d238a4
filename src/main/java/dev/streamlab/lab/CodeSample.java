package dev.streamlab.lab;

import java.util.Objects;

/**
 * Code shown in a step: its language (for highlighting and tabs), a label such as "Python (kafka-python)", the file
 * it came from under the challenge's folder (null for inline code) and its text. When shown, {@value #BOOTSTRAP} in
 * the text becomes the lab's bootstrap servers, {@value #LAB} the lab's own address and {@value #LAB_OPTION} a
 * {@code --lab} option when the lab is not at {@value #DEFAULT_LAB}; a starter file's fallback broker
 * ({@value #DEFAULT_BOOTSTRAP}) becomes the lab's, so code copied from the page reaches this lab.
 */
public record CodeSample(String language, String label, String file, String content) {
    public static final String BOOTSTRAP = "{{bootstrap}}";
    public static final String LAB = "{{lab}}";
    public static final String LAB_OPTION = "{{lab-option}}";
    /** Where {@code validate} looks for the lab when given no {@code --lab}. */
    public static final String DEFAULT_LAB = "http://127.0.0.1:7070";
    /** The broker the starter files fall back to without {@code STREAMLAB_BOOTSTRAP}. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    public CodeSample {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(content, "content of " + (file != null ? file : label));
    }

    /** The text with the lab's own bootstrap servers and address in it. */
    public String contentFor(String bootstrapServers, String labUrl) {
        return fill(content, bootstrapServers, labUrl).replace(DEFAULT_BOOTSTRAP, bootstrapServers);
    }

    /** Any lab text with {@value #BOOTSTRAP}, {@value #LAB} and {@value #LAB_OPTION} filled in. */
    public static String fill(String text, String bootstrapServers, String labUrl) {
        return text.replace(BOOTSTRAP, bootstrapServers).replace(LAB_OPTION, labOption(labUrl)).replace(LAB, labUrl);
    }

    /** {@code " --lab URL"} for a lab that validate would not find by itself, else nothing. */
    public static String labOption(String labUrl) {
        return labUrl.equals(DEFAULT_LAB) ? "" : " --lab " + labUrl;
    }
}
