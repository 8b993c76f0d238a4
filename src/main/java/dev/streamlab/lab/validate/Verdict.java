package dev.streamlab.lab.validate;

import java.util.List;
import java.util.Objects;

/**
 * What a check found: passed or not, the evidence it saw on the broker (one short sentence each), and for a failure
 * the key of the hint that says what to do about it (the text lives in the challenge's content).
 */
public record Verdict(boolean passed, List<String> evidence, String hintKey) {
    public Verdict {
        evidence = List.copyOf(evidence);
        if (passed != (hintKey == null)) {
            throw new IllegalArgumentException("a failing verdict names a hint and a passing one does not");
        }
    }

    public static Verdict pass(String... evidence) {
        return new Verdict(true, List.of(evidence), null);
    }

    public static Verdict pass(List<String> evidence) {
        return new Verdict(true, evidence, null);
    }

    public static Verdict fail(String hintKey, String... evidence) {
        return new Verdict(false, List.of(evidence), Objects.requireNonNull(hintKey, "hintKey"));
    }

    public static Verdict fail(String hintKey, List<String> evidence) {
        return new Verdict(false, evidence, Objects.requireNonNull(hintKey, "hintKey"));
    }
}
