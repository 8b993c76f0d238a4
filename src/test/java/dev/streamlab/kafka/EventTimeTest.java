package dev.streamlab.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the lab reads an event_time: the time lab's pipeline and the intermediate challenge's checks alike. */
class EventTimeTest {
    /** 2025-11-25T11:59:30Z */
    private static final long AT = 1_764_071_970_000L;

    private static EventTime parse(String json) throws Exception {
        return EventTime.parse(EventTime.JSON.readTree("{\"event_time\": " + json + "}").get("event_time"));
    }

    @Test
    void wholeEpochSecondsAreSeconds() throws Exception {
        assertEquals(new EventTime(AT, EventTime.Format.SECONDS), parse("1764071970"));
    }

    @Test
    void pythonsTimeTimeIsSecondsWithAFractionKeptToTheMillisecondRoundedDown() throws Exception {
        assertEquals(new EventTime(AT + 123, EventTime.Format.SECONDS_WITH_FRACTION), parse("1764071970.1239876"));
    }

    @Test
    void aFractionJustBelowAWindowEdgeStaysInTheEarlierWindow() throws Exception {
        EventTime justBefore = parse("1764071999.9999999");

        assertEquals(AT + 29_999, justBefore.millis(), "12:00:00 would be the next minute's window");
    }

    @Test
    void numbersFrom10To11AreMilliseconds() throws Exception {
        assertEquals(new EventTime(AT, EventTime.Format.MILLIS), parse("1764071970000"));
    }

    @Test
    void isoTextWithAZoneIsRead() throws Exception {
        assertEquals(new EventTime(AT, EventTime.Format.ISO), parse("\"2025-11-25T11:59:30Z\""));
        assertEquals(new EventTime(AT, EventTime.Format.ISO), parse("\"2025-11-25T12:59:30+01:00\""));
        assertEquals(new EventTime(AT + 250, EventTime.Format.ISO), parse("\"2025-11-25T11:59:30.250Z\""));
    }

    @Test
    void aNumberWrittenAsTextIsReadAsThatNumber() throws Exception {
        assertEquals(new EventTime(AT, EventTime.Format.SECONDS), parse("\"1764071970\""));
    }

    @Test
    void whatIsNoTimeSaysWhy() {
        assertTrue(assertThrows(EventTime.Unreadable.class, () -> parse("\"noon\"")).getMessage()
                .contains("\"noon\" is not epoch seconds, epoch milliseconds or ISO-8601"));
        assertTrue(assertThrows(EventTime.Unreadable.class, () -> parse("\"2025-11-25T11:59:30\"")).getMessage()
                .contains("with a zone"));
        assertEquals("true is neither a number nor a text",
                assertThrows(EventTime.Unreadable.class, () -> parse("true")).getMessage());
        assertEquals("it is missing", assertThrows(EventTime.Unreadable.class, () -> parse("null")).getMessage());
    }

    @Test
    void eachFormatWritesATimeBackTheWayItReadsIt() throws Exception {
        for (EventTime.Format format : EventTime.Format.values()) {
            JsonNode written = format.write(AT + 500);
            EventTime back = EventTime.parse(written);

            long expected = format == EventTime.Format.SECONDS ? AT : AT + 500;
            assertEquals(expected, back.millis(), format + " wrote " + written);
        }
        assertEquals("2025-11-25T11:59:30Z", EventTime.Format.ISO.write(AT).asText());
        assertEquals(1764071970.5, EventTime.Format.SECONDS_WITH_FRACTION.write(AT + 500).asDouble());
    }
}
