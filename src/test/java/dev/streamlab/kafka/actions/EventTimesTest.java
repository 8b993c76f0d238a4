package dev.streamlab.kafka.actions;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.streamlab.kafka.actions.Problems.contains;
import static dev.streamlab.kafka.actions.Problems.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Event times as the lab reads them: epoch seconds, epoch millis or ISO-8601. */
class EventTimesTest {
    private static final Instant T = Instant.parse("2024-11-25T10:20:00Z");

    @Test
    void aWholeNumberBelowTenToTheElevenIsEpochSeconds() {
        assertEquals(T, EventTimes.parse("eventTime", "1732530000"));
        assertEquals(Instant.ofEpochSecond(99_999_999_999L), EventTimes.parse("eventTime", "99999999999"));
    }

    @Test
    void aWholeNumberFromTenToTheElevenOnIsEpochMillis() {
        assertEquals(T, EventTimes.parse("eventTime", "1732530000000"));
        assertEquals(Instant.ofEpochMilli(100_000_000_000L), EventTimes.parse("eventTime", "100000000000"));
    }

    @Test
    void anIsoInstantInUtcOrWithAnOffsetIsRead() {
        assertEquals(T, EventTimes.parse("eventTime", "2024-11-25T10:20:00Z"));
        assertEquals(T, EventTimes.parse("eventTime", "2024-11-25T11:20:00+01:00"));
        assertEquals(T.plusMillis(250), EventTimes.parse("eventTime", "2024-11-25T10:20:00.250Z"));
    }

    @Test
    void aTimeWithoutAZoneOrAFractionOfASecondOrWordsIsRefusedWithTheThreeFormsItAccepts() {
        for (String bad : new String[] {"2024-11-25T10:20:00", "1732530000.5", "yesterday", "", "true"}) {
            String message = refused(Problem.BAD_REQUEST, () -> EventTimes.parse("eventTime", bad));
            contains(message, "eventTime \"" + bad + "\"", "epoch seconds", "epoch milliseconds", "ISO-8601");
        }
    }

    @Test
    void aTimeBefore1970IsRefusedBecauseKafkaTimestampsCannotBeNegative() {
        contains(refused(Problem.BAD_REQUEST, () -> EventTimes.parse("time", "-5")), "time -5 is before 1970");
        contains(refused(Problem.BAD_REQUEST, () -> EventTimes.parse("time", "1969-12-31T23:59:59Z")), "before 1970");
    }
}
