package dev.streamlab.lab.validate;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Requirement;
import dev.streamlab.lab.Submission;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a challenge's checks for a submission, in the challenge's order, and turns each verdict into a line with its
 * hint. A check that cannot reach Kafka fails its line with what went wrong rather than failing the whole report.
 */
public final class Validator {
    /** The hint of a line whose check could not look at the broker. */
    static final String UNREACHABLE_HINT = "The lab could not look at Kafka. Check that the broker is up (the home page "
            + "says), then check again.";

    private final Catalog catalog;
    private final Clock clock;

    public Validator(Catalog catalog, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Report validate(Challenge challenge, Submission submission) {
        Submission named = submission.orElse(challenge.defaults());
        List<CheckResult> results = new ArrayList<>();
        for (Requirement requirement : challenge.requirements()) {
            results.add(run(requirement, named));
        }
        return new Report(challenge.id(), named, clock.instant(), results);
    }

    private CheckResult run(Requirement requirement, Submission submission) {
        Check check = catalog.check(requirement.check()).orElseThrow(() -> new IllegalStateException(
                "requirement " + requirement.id() + " names check " + requirement.check() + ", which does not exist"));
        Verdict verdict;
        try {
            verdict = check.run(submission, new Params(requirement.params()));
        } catch (RuntimeException e) {
            return new CheckResult(requirement.id(), requirement.text(), false,
                    List.of("could not look: " + e.getMessage()), UNREACHABLE_HINT);
        }
        if (verdict.passed()) {
            return new CheckResult(requirement.id(), requirement.text(), true, verdict.evidence(), null);
        }
        String hint = requirement.hints().get(verdict.hintKey());
        return new CheckResult(requirement.id(), requirement.text(), false, verdict.evidence(),
                hint != null ? submission.fill(hint) : "(no hint written for \"" + verdict.hintKey() + "\")");
    }
}
