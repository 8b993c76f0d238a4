package dev.streamlab.lab.validate;

import dev.streamlab.lab.Submission;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The result of checking a challenge: one result per requirement, in the challenge's order; passed when all did. */
public record Report(String challenge, Submission submission, Instant checkedAt, List<CheckResult> results) {
    public Report {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(checkedAt, "checkedAt");
        results = List.copyOf(results);
    }

    public boolean passed() {
        return !results.isEmpty() && results.stream().allMatch(CheckResult::passed);
    }
}
