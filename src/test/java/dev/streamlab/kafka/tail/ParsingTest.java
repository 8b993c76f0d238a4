package dev.streamlab.kafka.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a page may ask for in ?from= and ?isolation=, and what it is told when it asks for something else. */
class ParsingTest {

    @Test
    void endAloneMeansOnlyNewRecordsAndEndWithANumberIsABacklogPerPartition() {
        assertEquals(new StartPosition.End(0), StartPosition.parse("end"));
        assertEquals(new StartPosition.End(50), StartPosition.parse("end:50"));
        assertEquals(new StartPosition.End(7), StartPosition.parse("  END:7 "));
    }

    @Test
    void anOffsetAppliesToEveryPartition() {
        assertEquals(new StartPosition.FromOffset(120), StartPosition.parse("offset:120"));
        assertEquals(new StartPosition.FromOffset(0), StartPosition.parse("offset:0"));
    }

    @Test
    void aTimeIsAnIsoInstantAnOffsetDateTimeOrEpochMillis() {
        Instant expected = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(new StartPosition.FromTime(expected), StartPosition.parse("time:2026-11-25T10:00:00Z"));
        assertEquals(new StartPosition.FromTime(expected), StartPosition.parse("time:2026-11-25T11:00:00+01:00"));
        assertEquals(new StartPosition.FromTime(expected), StartPosition.parse("time:" + expected.toEpochMilli()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"end", "end:50", "offset:120", "time:2026-11-25T10:00:00Z"})
    void everyPositionWritesItselfAsTheTextThatParsesBackToIt(String text) {
        assertEquals(text, StartPosition.parse(text).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "beginning        | 'beginning' is not a start position; use end, end:<records per partition>, offset:<offset>, time:<ISO-8601 instant> or time:<epoch millis>",
            "end:-5           | 'end:-5': expected a number of records per partition, as in end:50",
            "end:lots         | 'end:lots': expected a number of records per partition, as in end:50",
            "end:99999999999  | 'end:99999999999': the backlog is at most 2147483647 records per partition",
            "offset:          | 'offset:': expected an offset of 0 or more, as in offset:120",
            "offset           | 'offset': say which offset, as in offset:120",
            "offset:-1        | 'offset:-1': expected an offset of 0 or more, as in offset:120",
            "offset:1.5       | 'offset:1.5': expected an offset of 0 or more, as in offset:120",
            "time:yesterday   | 'time:yesterday': expected an ISO-8601 instant such as 2026-11-25T10:00:00Z or epoch millis such as 1795600800000",
            "time:2026-11-25  | 'time:2026-11-25': expected an ISO-8601 instant such as 2026-11-25T10:00:00Z or epoch millis such as 1795600800000",
            "time:            | 'time:': say which time, as in time:2026-11-25T10:00:00Z or time:1795600800000",
            "time:+999999999-12-31T23:59:59Z | the time must not be after 9999-12-31T23:59:59.999Z, got +999999999-12-31T23:59:59Z",
            "time:-999999999-01-01T00:00:00Z | the time must not be before 1970-01-01T00:00:00Z, got -999999999-01-01T00:00:00Z",
            "time:999999999999999999 | the time must not be after 9999-12-31T23:59:59.999Z, got +31690708-07-05T01:46:39.999Z",
    })
    void aStartPositionItCannotReadIsRejectedWithWhatWasWrongAndWhatWouldDo(String from, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StartPosition.parse(from));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void noStartPositionAtAllListsTheFormsThatWork(String from) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StartPosition.parse(from));
        assertEquals("say where to start: " + StartPosition.FORMS, e.getMessage());
    }

    @Test
    void startPositionsRejectImpossibleValuesWhenBuiltDirectly() {
        assertThrows(IllegalArgumentException.class, () -> new StartPosition.End(-1));
        assertThrows(IllegalArgumentException.class, () -> new StartPosition.FromOffset(-1));
        assertThrows(NullPointerException.class, () -> new StartPosition.FromTime(null));
        assertThrows(IllegalArgumentException.class, () -> new StartPosition.FromTime(Instant.parse("1969-12-31T23:59:59Z")));
    }

    @Test
    void isolationIsReadByItsKafkaNameInAnyCase() {
        assertEquals(Isolation.READ_COMMITTED, Isolation.parse("read_committed"));
        assertEquals(Isolation.READ_UNCOMMITTED, Isolation.parse("READ_UNCOMMITTED"));
        assertEquals(Isolation.READ_COMMITTED, Isolation.parse(" Read_Committed "));
        assertEquals("read_committed", Isolation.READ_COMMITTED.kafkaName());
        assertEquals("read_uncommitted", Isolation.READ_UNCOMMITTED.kafkaName());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "committed          | isolation must be one of read_uncommitted, read_committed; got 'committed'",
            "read-committed     | isolation must be one of read_uncommitted, read_committed; got 'read-committed'",
            "''                 | isolation must be one of read_uncommitted, read_committed; got ''",
    })
    void anUnknownIsolationIsRejectedWithTheAllowedValues(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Isolation.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void noIsolationAtAllIsRejectedToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Isolation.parse(null));
        assertTrue(e.getMessage().startsWith("isolation must be one of read_uncommitted, read_committed"), e.getMessage());
    }
}
