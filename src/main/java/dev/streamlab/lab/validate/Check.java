package dev.streamlab.lab.validate;

import dev.streamlab.lab.Submission;

import java.util.Set;

/**
 * One requirement's check: looks at the broker (through the facts it was built with) for the learner's submission and
 * says whether the requirement holds, with the evidence it saw. A check never throws for the learner's mistakes (a
 * missing topic is a failed verdict); it declares every hint key its failing verdicts use, so the content that
 * configures it can be checked to give a hint for each.
 */
public interface Check {
    Verdict run(Submission submission, Params params);

    /** The hint keys this check's failing verdicts may carry. */
    Set<String> hintKeys();
}
