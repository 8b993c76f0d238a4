package dev.streamlab.lab.validate;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.Requirement;
import dev.streamlab.lab.Submission;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator turns verdicts into lines: in the challenge's order, with the content's hint, never failing whole. */
class ValidatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    private static Check answering(Verdict verdict) {
        return new Check() {
            @Override
            public Verdict run(Submission submission, Params params) {
                return verdict;
            }

            @Override
            public Set<String> hintKeys() {
                return Set.of("too-few");
            }
        };
    }

    private static final Check UNREACHABLE = new Check() {
        @Override
        public Verdict run(Submission submission, Params params) {
            throw new IllegalStateException("could not describe topic orders: Kafka did not answer within 10 s");
        }

        @Override
        public Set<String> hintKeys() {
            return Set.of();
        }
    };

    private static Challenge challenge(String... checks) {
        List<Requirement> requirements = java.util.stream.IntStream.range(0, checks.length)
                .mapToObj(i -> new Requirement("r" + i, "requirement " + i, checks[i], Map.of(),
                        Map.of("too-few", "Make more partitions.")))
                .toList();
        return new Challenge("demo", "Demo", "A demo", "about it", "/challenges/demo", "do it", "", new Submission("orders",
                "billing", null), List.of("topic", "group"), requirements, List.of(), List.of(), List.of());
    }

    @Test
    void aFailingLineCarriesTheContentsHintAndAPassingLineNone() {
        Catalog catalog = new Catalog(Map.of("fails", answering(Verdict.fail("too-few", "orders has 1 partition")),
                "passes", answering(Verdict.pass("orders has 3 partitions"))), Map.of());

        Report report = new Validator(catalog, CLOCK).validate(challenge("fails", "passes"), new Submission(null, null, null));

        assertFalse(report.passed());
        assertEquals("Make more partitions.", report.results().get(0).hint());
        assertEquals(List.of("orders has 1 partition"), report.results().get(0).evidence());
        assertTrue(report.results().get(1).passed());
        assertNull(report.results().get(1).hint());
        assertEquals(new Submission("orders", "billing", null), report.submission(), "blank names take the defaults");
    }

    @Test
    void aHintsCommandNamesTheTopicAndGroupTheLearnerChecked() {
        Catalog catalog = new Catalog(Map.of("fails", answering(Verdict.fail("too-few", "no replay"))), Map.of());
        Requirement replay = new Requirement("r0", "replayed", "fails", Map.of(),
                Map.of("too-few", "curl -X POST {{lab}}/api/groups/{{group}}/reset -d '{\"topic\": \"{{topic}}\"}'"));
        Challenge challenge = new Challenge("demo", "Demo", "A demo", "about it", "/challenges/demo", "do it", "",
                new Submission("orders", "billing", null), List.of("topic", "group"), List.of(replay), List.of(),
                List.of(), List.of());

        Report report = new Validator(catalog, CLOCK).validate(challenge, new Submission("orders-one", "billing-one", null));

        assertEquals("curl -X POST {{lab}}/api/groups/billing-one/reset -d '{\"topic\": \"orders-one\"}'",
                report.results().get(0).hint(), "the lab's address is filled in later, by the page that shows it");
    }

    @Test
    void aCheckThatCannotReachKafkaFailsItsOwnLineSayingSoAndTheRestStillRun() {
        Catalog catalog = new Catalog(Map.of("down", UNREACHABLE, "passes", answering(Verdict.pass("fine"))), Map.of());

        Report report = new Validator(catalog, CLOCK).validate(challenge("down", "passes"), new Submission("t", "g", null));

        assertEquals(List.of("could not look: could not describe topic orders: Kafka did not answer within 10 s"),
                report.results().get(0).evidence());
        assertEquals(Validator.UNREACHABLE_HINT, report.results().get(0).hint());
        assertTrue(report.results().get(1).passed());
    }

    @Test
    void aReportPassesOnlyWhenEveryLinePasses() {
        Catalog catalog = new Catalog(Map.of("passes", answering(Verdict.pass("fine"))), Map.of());

        assertTrue(new Validator(catalog, CLOCK).validate(challenge("passes", "passes"), new Submission(null, null, null))
                .passed());
    }
}
