package dev.streamlab.web;

import java.util.List;

/**
 * CSV as RFC 4180 writes it: fields separated by commas, lines by CRLF; a field holding a comma, a quote, a line
 * break or a leading or trailing space is quoted, its quotes doubled. A field starting with =, +, - or @ is prefixed
 * with an apostrophe so a spreadsheet shows it rather than running it as a formula (learners choose their names).
 */
final class CsvText {
    private CsvText() {
    }

    static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || text.startsWith(" ") || text.endsWith(" ");
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
