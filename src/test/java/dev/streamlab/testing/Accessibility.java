package dev.streamlab.testing;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs axe-core on the page the browser shows now and keeps its violations, one a failing element, so a test can
 * fail on the serious and critical ones with a message that says which rule, where, on which page and theme.
 */
public final class Accessibility {
    /** The impacts that fail an audit: axe's two highest. */
    public static final List<String> BLOCKING = List.of("critical", "serious");

    private Accessibility() {
    }

    /** One element that breaks one rule. */
    public record Violation(String rule, String impact, String target, String help) {
        public boolean blocking() {
            return BLOCKING.contains(impact);
        }

        @Override
        public String toString() {
            return rule + " (" + impact + ") at " + target + ": " + help;
        }
    }

    /** What axe found on one page in one theme. */
    public record Audit(String page, String theme, List<Violation> violations) {
        public List<Violation> blocking() {
            return violations.stream().filter(Violation::blocking).toList();
        }

        /** "serious 3, moderate 1" (elements per impact), "none" when clean. */
        public String countsByImpact() {
            Map<String, Long> counts = violations.stream()
                    .collect(Collectors.groupingBy(Violation::impact, TreeMap::new, Collectors.counting()));
            return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
        }

        /** The rule ids broken, each once, with how many elements break it. */
        public String rules() {
            Map<String, Long> counts = violations.stream()
                    .collect(Collectors.groupingBy(v -> v.rule() + "/" + v.impact(), TreeMap::new, Collectors.counting()));
            return counts.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(" "));
        }

        /** A line for a report: page, theme, counts and rules. */
        public String summary() {
            return page + " [" + theme + "]: " + countsByImpact() + (violations.isEmpty() ? "" : " — " + rules());
        }

        /** The blocking violations, one a line, each naming its page and theme. */
        public String describeBlocking() {
            return blocking().stream().map(v -> page + " [" + theme + "] " + v).collect(Collectors.joining("\n"));
        }
    }

    /** Audits the current page as it stands (the caller waits for its live content first). */
    public static Audit audit(ChromeDriver browser, String page, String theme) {
        Results results = new AxeBuilder().analyze(browser);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core could not audit " + page + ": " + results.getErrorMessage());
        }
        List<Violation> violations = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            for (CheckedNode node : rule.getNodes()) {
                String impact = node.getImpact() != null ? node.getImpact() : String.valueOf(rule.getImpact());
                violations.add(new Violation(rule.getId(), impact, String.valueOf(node.getTarget()), rule.getHelp()));
            }
        }
        return new Audit(page, theme, violations);
    }
}
