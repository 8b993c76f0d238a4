package dev.streamlab.lab.validate;

import dev.streamlab.lab.Submission;

import java.util.Map;

/**
 * What a challenge page's helper button does on the broker (for example, produce a deliberately late event to the
 * learner's topic). Throws {@link IllegalArgumentException} with a sentence saying what to do when it cannot act.
 */
public interface PageActionHandler {
    Outcome run(Submission submission, Params params);

    /** What the action did, in one sentence, and its details for the page (e.g. the record it produced). */
    record Outcome(String message, Map<String, Object> details) {
        public Outcome {
            details = Map.copyOf(details);
        }
    }
}
