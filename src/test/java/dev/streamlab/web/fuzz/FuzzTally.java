package dev.streamlab.web.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the fuzz sent and got back: outcomes per route (a status code, a WS close code, "timeout"), and failures. */
final class FuzzTally {
    /** One failure: where, what was sent (cut short), what came back, and the first line of the lab's answer. */
    record Failure(String route, String request, String outcome, String firstLine) {
        /** Failures with the same route, outcome and message are one bug seen again. */
        String kind() {
            return route + " → " + outcome + ": " + firstLine.replaceAll("[0-9a-f]{8}", "…");
        }
    }

    private final Map<String, Map<String, Integer>> outcomes = new TreeMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Long> millis = new TreeMap<>();
    /** The first request behind each outcome that is not an answer (an IOException), so it can be replayed. */
    private final Map<String, String> firstUnanswered = new TreeMap<>();
    private int requests;
    private int frames;

    void request(String route, String outcome) {
        requests++;
        count(route, outcome);
    }

    /** Where the run's time went, for choosing counts that fit the time bound (not asserted). */
    void took(String route, long ms) {
        millis.merge(route, ms, Long::sum);
    }

    String slowest(int n) {
        return millis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining(", "));
    }

    void frame(String route, String outcome) {
        frames++;
        count(route, outcome);
    }

    void count(String route, String outcome) {
        outcomes.computeIfAbsent(route, r -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    /** Records the first request that got {@code outcome} on {@code route} instead of an HTTP answer, and why. */
    void unanswered(String route, String outcome, String request, String why) {
        firstUnanswered.putIfAbsent(route + " " + outcome, cut(request, 300) + "\n      why: " + cut(why, 300));
    }

    /** Each route and outcome that was not an HTTP answer, with the first request behind it; empty if none. */
    String unanswered() {
        return firstUnanswered.entrySet().stream().map(e -> e.getKey() + "\n      first: " + e.getValue())
                .collect(Collectors.joining("\n  ", "  ", ""));
    }

    boolean allAnswered() {
        return firstUnanswered.isEmpty();
    }

    void fail(String route, String request, String outcome, String answer) {
        String line = answer == null ? "" : answer.lines().findFirst().orElse("");
        failures.add(new Failure(route, cut(request, 300), outcome, cut(line, 400)));
    }

    int requests() {
        return requests;
    }

    int frames() {
        return frames;
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    boolean reached(String route) {
        return outcomes.containsKey(route);
    }

    /** Each distinct failure once, with how often it was seen and the first request that caused it. */
    String distinctFailures() {
        Map<String, List<Failure>> byKind = new LinkedHashMap<>();
        for (Failure f : failures) {
            byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
        }
        return byKind.entrySet().stream().map(e -> e.getValue().size() + "× " + e.getKey() + "\n      first: "
                + e.getValue().get(0).request()).collect(Collectors.joining("\n  ", "  ", ""));
    }

    /** The outcome table: one line per route, outcomes in order, e.g. {@code POST /api/topics  201×12 400×30}. */
    String table() {
        Map<String, Integer> totals = new TreeMap<>();
        StringBuilder out = new StringBuilder();
        int width = outcomes.keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, Map<String, Integer>> route : outcomes.entrySet()) {
            out.append(String.format("  %-" + width + "s ", route.getKey()));
            route.getValue().forEach((outcome, n) -> {
                out.append(' ').append(outcome).append('×').append(n);
                totals.merge(outcome, n, Integer::sum);
            });
            out.append('\n');
        }
        out.append("  all:");
        totals.forEach((outcome, n) -> out.append(' ').append(outcome).append('×').append(n));
        return out.toString();
    }

    static String cut(String text, int max) {
        if (text == null) {
            return "(none)";
        }
        String flat = text.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() <= max ? flat : flat.substring(0, max) + "… (" + flat.length() + " chars)";
    }
}
