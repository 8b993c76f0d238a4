package dev.streamlab.lab.progress;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The name a learner chose, which tells their progress apart from others' on one lab: 1 to 40 letters, digits,
 * spaces, '-', '_' or '.', trimmed. There are no passwords: alone on loopback, anyone who types the same name shares
 * the progress; in a class, {@link LearnerKeys} binds the name to the browser that chose it first.
 */
public record LearnerName(String value) {
    public static final int MAX_LENGTH = 40;
    /** Who a learner is before they choose a name. */
    public static final LearnerName DEFAULT = new LearnerName("Learner");

    public LearnerName {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("choose a name of 1 to " + MAX_LENGTH + " characters");
        }
        value = value.trim();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a name has at most " + MAX_LENGTH + " characters, this one has "
                    + value.length());
        }
        if (!value.matches("[\\p{L}\\p{N} ._-]+")) {
            throw new IllegalArgumentException("a name may use letters, digits, spaces, '-', '_' and '.' only");
        }
    }

    /** A file name that stands for this name alone, whatever characters it uses; names differing in case differ. */
    String fileName() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + ".json";
    }
}
