package dev.streamlab.lab;

/**
 * The names of a learner's work that a check looks at: the topic they produce to, the consumer group that reads
 * it, and the topic their program writes (any may be null when a challenge does not use it).
 */
public record Submission(String topic, String group, String output) {
    public Submission {
        topic = blankToNull(topic);
        group = blankToNull(group);
        output = blankToNull(output);
    }

    /** This submission with every name it leaves out taken from {@code defaults}. */
    public Submission orElse(Submission defaults) {
        return new Submission(topic != null ? topic : defaults.topic(), group != null ? group : defaults.group(),
                output != null ? output : defaults.output());
    }

    /**
     * {@code text} (a hint) with {@code {{topic}}}, {@code {{group}}} and {@code {{output}}} replaced by these names, so
     * a command in it acts on what the learner checked, not on the challenge's default names.
     */
    public String fill(String text) {
        return text.replace("{{topic}}", orPlaceholder(topic, "TOPIC")).replace("{{group}}", orPlaceholder(group, "GROUP"))
                .replace("{{output}}", orPlaceholder(output, "OUTPUT"));
    }

    private static String orPlaceholder(String name, String placeholder) {
        return name != null ? name : placeholder;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
