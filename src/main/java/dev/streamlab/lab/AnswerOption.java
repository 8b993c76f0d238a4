package dev.streamlab.lab;

/** One answer a learner can pick, whether it is right, and the explanation shown once it is picked. */
public record AnswerOption(String text, boolean correct, String explanation) {
    public AnswerOption {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an answer option needs a text");
        }
        if (explanation == null || explanation.isBlank()) {
            throw new IllegalArgumentException("answer option \"" + text + "\" needs an explanation");
        }
    }
}
