package dev.streamlab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading figures out of a command's printed report: the first group of each match of a regex. */
public final class Matches {
    private Matches() {
    }

    /** How many times {@code regex} matches in {@code text}. */
    public static int count(String text, String regex) {
        return all(text, regex).size();
    }

    /** The first group of the first match, as a number; fails the test when there is none. */
    public static int number(String text, String regex) {
        List<String> found = all(text, regex);
        assertTrue(!found.isEmpty(), "no match for " + regex + " in:\n" + text);
        return Integer.parseInt(found.get(0));
    }

    /** The first group of every match, as decimals. */
    public static List<Double> decimals(String text, String regex) {
        return all(text, regex).stream().map(Double::parseDouble).toList();
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }
}
