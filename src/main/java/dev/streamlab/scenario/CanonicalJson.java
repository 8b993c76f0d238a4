package dev.streamlab.scenario;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.streamlab.engine.FireCause;
import dev.streamlab.engine.Firing;
import dev.streamlab.engine.LateElement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the conformance output: firings sorted by afterEvent (end of input last), end, start, key; dropped by event
 * index; one entry per line; sum as Java's {@code Double.toString}. Processing-time firings (only when the scenario asks
 * for {@code processingTimeWindow}) have the trigger {@code "processing"}.
 */
final class CanonicalJson {

    private static final Comparator<Firing> ORDER = Comparator
            .comparingLong((Firing f) -> f.cause() == FireCause.END_OF_INPUT ? Long.MAX_VALUE : f.afterEvent())
            .thenComparingLong(f -> f.window().end())
            .thenComparingLong(f -> f.window().start())
            .thenComparing(Firing::key);

    private CanonicalJson() {
    }

    static String write(ScenarioResult result) {
        List<Firing> firings = new ArrayList<>(result.firings());
        firings.sort(ORDER);
        List<LateElement> dropped = new ArrayList<>(result.dropped());
        dropped.sort(Comparator.comparingLong(LateElement::event));
        StringBuilder sb = new StringBuilder(64 + 110 * firings.size());
        sb.append("{\n  \"firings\": [");
        for (int i = 0; i < firings.size(); i++) {
            Firing f = firings.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"key\":");
            quote(sb, f.key());
            sb.append(",\"start\":").append(f.window().start())
                    .append(",\"end\":").append(f.window().end())
                    .append(",\"count\":").append(f.result().count())
                    .append(",\"sum\":").append(Double.toString(f.result().sum()))
                    .append(",\"trigger\":\"").append(trigger(f.cause()))
                    .append("\",\"afterEvent\":").append(f.cause() == FireCause.END_OF_INPUT ? "null" : Long.toString(f.afterEvent()))
                    .append('}');
        }
        sb.append(firings.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"dropped\": [");
        for (int i = 0; i < dropped.size(); i++) {
            LateElement d = dropped.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"event\":").append(d.event()).append(",\"key\":");
            quote(sb, d.key());
            sb.append(",\"ts\":").append(d.ts()).append('}');
        }
        sb.append(dropped.isEmpty() ? "]\n" : "\n  ]\n");
        sb.append("}\n");
        return sb.toString();
    }

    private static String trigger(FireCause cause) {
        switch (cause) {
            case WATERMARK:
                return "watermark";
            case ELEMENT:
                return "element";
            case END_OF_INPUT:
                return "end";
            case PROCESSING_TIME:
                return "processing";
            default:
                throw new IllegalArgumentException("not an event-time firing: " + cause);
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }
}
