package dev.streamlab.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The board's CSV: RFC 4180 quoting, and no formula a spreadsheet would run. */
class CsvTextTest {
    @Test
    void plainFieldsStayAsTheyAreAndLinesEndInCrLf() {
        assertEquals("Ada,/time,2026-12-08T00:00:00Z\r\n", CsvText.line(List.of("Ada", "/time", "2026-12-08T00:00:00Z")));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertEquals("\"a, b\"", CsvText.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvText.field("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvText.field("two\nlines"));
        assertEquals("\" padded \"", CsvText.field(" padded "));
    }

    @Test
    void emptyAndMissingFieldsAreEmpty() {
        assertEquals(",,x\r\n", CsvText.line(java.util.Arrays.asList("", null, "x")));
    }

    @Test
    void aFieldThatWouldBeAFormulaIsShownAsText() {
        assertEquals("'=1+1", CsvText.field("=1+1"));
        assertEquals("\"'-2,3\"", CsvText.field("-2,3"));
    }
}
