package dev.streamlab.lab.validate.novice;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Small pieces of evidence sentences: counted nouns, short lists and "how long ago", so every check says them alike. */
final class Texts {
    /** Evidence stays short: a list names this many items and counts the rest. */
    static final int LIST_LIMIT = 5;

    private Texts() {
    }

    static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** "a, b, c and 4 more". */
    static String list(List<String> items) {
        List<String> shown = items.subList(0, Math.min(items.size(), LIST_LIMIT));
        String text = String.join(", ", shown);
        return items.size() > shown.size() ? text + " and " + (items.size() - shown.size()) + " more" : text;
    }

    /** "0 and 2", "0, 1 and 2". */
    static String and(List<?> items) {
        if (items.size() <= 1) {
            return items.stream().map(String::valueOf).collect(Collectors.joining());
        }
        String head = items.subList(0, items.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "));
        return head + " and " + items.get(items.size() - 1);
    }

    /** "12 s ago", "3 min ago": relative, so the learner need not know which time zone the lab reports in. */
    static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }
}
